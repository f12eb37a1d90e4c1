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
    public void A_draw_depends_only_on_its_key_not_on_how_it_is_fetched()
    {
        var stream = new RandomStream(7, 3, RandomScope.ReadDevice, 1, 5, 42, 9);
        var bulk = new double[37];
        stream.FillNormal(bulk);
        var offset = new double[20];
        stream.FillNormal(offset, 13);
        for (int i = 0; i < bulk.Length; i++) Assert.Equal(bulk[i], stream.Normal(i));
        for (int i = 0; i < offset.Length; i++) Assert.Equal(bulk[13 + i], offset[i]);

        var uniforms = new double[11];
        stream.FillUniform(uniforms, 3);
        for (int i = 0; i < uniforms.Length; i++) Assert.Equal(stream.Uniform(3 + i), uniforms[i]);
    }

    [Fact]
    public void Every_key_component_changes_the_draws()
    {
        double Draw(RandomStream s) => s.Uniform(0);
        double baseline = Draw(new RandomStream(1, 0, RandomScope.Programming, 0, 0, 0, 0));
        Assert.NotEqual(baseline, Draw(new RandomStream(2, 0, RandomScope.Programming, 0, 0, 0, 0)));
        Assert.NotEqual(baseline, Draw(new RandomStream(1, 1, RandomScope.Programming, 0, 0, 0, 0)));
        Assert.NotEqual(baseline, Draw(new RandomStream(1, 0, RandomScope.Fabrication, 0, 0, 0, 0)));
        Assert.NotEqual(baseline, Draw(new RandomStream(1, 0, RandomScope.Programming, 1, 0, 0, 0)));
        Assert.NotEqual(baseline, Draw(new RandomStream(1, 0, RandomScope.Programming, 0, 1, 0, 0)));
        Assert.NotEqual(baseline, Draw(new RandomStream(1, 0, RandomScope.Programming, 0, 0, 1, 0)));
        Assert.NotEqual(baseline, Draw(new RandomStream(1, 0, RandomScope.Programming, 0, 0, 0, 1)));
    }

    [Fact]
    public void Normals_and_uniforms_have_the_right_moments()
    {
        const int n = 200_000;
        var z = new double[n];
        var u = new double[n];
        new RandomStream(11, 0, RandomScope.ReadColumn, 0, 0, 0, 0).FillNormal(z);
        new RandomStream(11, 0, RandomScope.Encoder, 0, 0, 0, 0).FillUniform(u);
        double mean = z.Average(), variance = z.Select(x => (x - mean) * (x - mean)).Sum() / (n - 1);
        Assert.InRange(mean, -0.01, 0.01);            // SE 0.0022
        Assert.InRange(variance, 0.985, 1.015);      // SE 0.0032
        Assert.InRange(u.Average(), 0.497, 0.503);    // SE 0.00065
        Assert.All(u, x => Assert.InRange(x, double.Epsilon, 1 - 1e-12));
        // Fraction beyond 1.96 sigma: 0.05, SE 0.0005.
        Assert.InRange(z.Count(x => Math.Abs(x) > 1.959964) / (double)n, 0.048, 0.052);
    }
}
