using DistSnn.Core.Random;

namespace DistSnn.Core.Tests.Random;

public class PhiloxTests
{
    // Known-answer vectors of Philox4x32-10 published with Random123 (kat_vectors).
    [Theory]
    [InlineData(0u, 0u, 0u, 0u, 0u, 0u, 0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u)]
    [InlineData(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu)]
    [InlineData(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u, 0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u)]
    public void Matches_the_published_known_answers(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, uint r0, uint r1, uint r2, uint r3)
    {
        Assert.Equal((r0, r1, r2, r3), Philox4x32.Block(c0, c1, c2, c3, k0, k1));
    }

    [Fact]
    public void An_element_is_the_documented_word_of_the_documented_block()
    {
        var key = DrawKey.Read(7, 3, RandomScope.ReadDevice, 1, 5, 42, 9);
        var stream = key.Stream();
        // Element e = 64 g + 16 k + j is word k of the block with counter (16 g + j, sample, step, tag), key (seed, trial).
        foreach (long e in new long[] { 0, 1, 15, 16, 63, 64, 64 * 5 + 16 * 3 + 7 })
        {
            long g = e / 64;
            int k = (int)(e % 64) / 16, j = (int)(e % 16);
            var (a, b, c, d) = Philox4x32.Block((uint)(16 * g + j), 42, 9, key.Tag, 7, 3);
            Assert.Equal(new[] { a, b, c, d }[k], stream.Bits(e));
        }
        Assert.Equal((uint)RandomScope.ReadDevice << 28 | 1u << 20 | 5u, key.Tag);
    }

    [Fact]
    public void Every_key_component_changes_the_draws()
    {
        static uint[] Draws(DrawKey key)
        {
            var bits = new uint[64];
            key.Stream().FillBits(bits);
            return bits;
        }

        uint[] chip = Draws(DrawKey.Chip(1, 0, RandomScope.Programming, 0, 0));
        Assert.NotEqual(chip, Draws(DrawKey.Chip(2, 0, RandomScope.Programming, 0, 0)));
        Assert.NotEqual(chip, Draws(DrawKey.Chip(1, 1, RandomScope.Programming, 0, 0)));
        Assert.NotEqual(chip, Draws(DrawKey.Chip(1, 0, RandomScope.Fabrication, 0, 0)));
        Assert.NotEqual(chip, Draws(DrawKey.Chip(1, 0, RandomScope.Programming, 1, 0)));
        Assert.NotEqual(chip, Draws(DrawKey.Chip(1, 0, RandomScope.Programming, 0, 1)));
        Assert.NotEqual(chip, Draws(DrawKey.Chip(1, 0, RandomScope.Programming, 0, 0, cycle: 1)));
        Assert.Equal(chip, Draws(DrawKey.Chip(1, 0, RandomScope.Programming, 0, 0, cycle: 0)));

        uint[] read = Draws(DrawKey.Read(1, 0, RandomScope.ReadColumn, 0, 0, 0, 0));
        Assert.NotEqual(read, Draws(DrawKey.Read(2, 0, RandomScope.ReadColumn, 0, 0, 0, 0)));
        Assert.NotEqual(read, Draws(DrawKey.Read(1, 1, RandomScope.ReadColumn, 0, 0, 0, 0)));
        Assert.NotEqual(read, Draws(DrawKey.Read(1, 0, RandomScope.ReadDevice, 0, 0, 0, 0)));
        Assert.NotEqual(read, Draws(DrawKey.Read(1, 0, RandomScope.Neuron, 0, 0, 0, 0)));
        Assert.NotEqual(read, Draws(DrawKey.Read(1, 0, RandomScope.Encoder, 0, 0, 0, 0)));
        Assert.NotEqual(read, Draws(DrawKey.Read(1, 0, RandomScope.ReadColumn, 1, 0, 0, 0)));
        Assert.NotEqual(read, Draws(DrawKey.Read(1, 0, RandomScope.ReadColumn, 0, 1, 0, 0)));
        Assert.NotEqual(read, Draws(DrawKey.Read(1, 0, RandomScope.ReadColumn, 0, 0, 1, 0)));
        Assert.NotEqual(read, Draws(DrawKey.Read(1, 0, RandomScope.ReadColumn, 0, 0, 0, 1)));
    }

    [Fact]
    public void Time_keyed_streams_differ_by_time_and_leave_the_per_chip_draws_alone()
    {
        static uint[] Draws(DrawKey key)
        {
            var bits = new uint[64];
            key.Stream().FillBits(bits);
            return bits;
        }

        uint[] now = Draws(DrawKey.AtTime(1, 0, RandomScope.DriftNoise, 0, 0, 0.0));
        Assert.Equal(now, Draws(DrawKey.AtTime(1, 0, RandomScope.DriftNoise, 0, 0, -0.0)));
        Assert.NotEqual(now, Draws(DrawKey.AtTime(1, 0, RandomScope.DriftNoise, 0, 0, 1.0)));
        Assert.NotEqual(now, Draws(DrawKey.AtTime(1, 0, RandomScope.DriftRelaxation, 0, 0, 0.0)));
        Assert.NotEqual(now, Draws(DrawKey.AtTime(1, 1, RandomScope.DriftNoise, 0, 0, 0.0)));
        Assert.NotEqual(Draws(DrawKey.Chip(1, 0, RandomScope.DriftExponent, 0, 0)), Draws(DrawKey.Chip(1, 0, RandomScope.Programming, 0, 0)));
        // Times a study sweeps get words of their own.
        double[] times = [0, 1, 2, 10, 60, 3600, 86400, 604800, 2592000, 31536000, 1e9, 0.5, 1e-6];
        Assert.Equal(times.Length, times.Select(DrawKey.TimeWord).Distinct().Count());
        Assert.Equal(0u, DrawKey.TimeWord(0));
        Assert.Throws<ArgumentException>(() => DrawKey.AtTime(1, 0, RandomScope.Programming, 0, 0, 1.0));
        Assert.Throws<ArgumentException>(() => DrawKey.Read(1, 0, RandomScope.DriftNoise, 0, 0, 0, 0));
        Assert.Throws<ArgumentException>(() => DrawKey.Read(1, 0, RandomScope.DriftExponent, 0, 0, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DrawKey.TimeWord(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => DrawKey.TimeWord(double.NaN));
    }

    [Fact]
    public void Keys_reject_the_wrong_kind_of_scope_and_out_of_range_parts()
    {
        Assert.Throws<ArgumentException>(() => DrawKey.Chip(1, 0, RandomScope.Encoder, 0, 0));
        Assert.Throws<ArgumentException>(() => DrawKey.Read(1, 0, RandomScope.Fabrication, 0, 0, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DrawKey.Read(1, 0, RandomScope.Neuron, 256, 0, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DrawKey.Read(1, 0, RandomScope.Neuron, 0, 1 << 20, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DrawKey.Chip(1, 0, RandomScope.Programming, 0, 0, cycle: -1));
    }
}
