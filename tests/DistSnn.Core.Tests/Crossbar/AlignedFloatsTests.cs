using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DistSnn.Core.Crossbar;
using DistSnn.Core.Tests.Trial;
using DistSnn.Core.Trial;

namespace DistSnn.Core.Tests.Crossbar;

public class AlignedFloatsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(32768)]
    public void Starts_on_a_64_byte_boundary_with_the_length_asked_for(int length)
    {
        // Many allocations, so that the heap hands out addresses at several offsets from a cache line.
        for (int i = 0; i < 64; i++)
        {
            var floats = new AlignedFloats(length);
            Assert.Equal(length, floats.Length);
            Assert.Equal(length, floats.Span.Length);
            Assert.Equal(0L, AddressOf(floats.Span) % 64);
            floats.Span[^1] = 1f;
            Assert.All(floats.Span[..^1].ToArray(), x => Assert.Equal(0f, x));
        }
    }

    [Fact]
    public void Every_tile_of_a_programmed_chip_has_its_blocks_aligned()
    {
        var settings = TileStepTests.Chip("group", 100, 37);
        var plan = new TrialPlan(TestData.SharedModel, settings, TestData.FashionMnistTest(1), 7, 1);
        Chip chip = Chip.Program(plan, 0);
        foreach (ChipLayer layer in chip.Layers)
            for (int tr = 0; tr < layer.Grid.TileRows; tr++)
                for (int tc = 0; tc < layer.Grid.TileCols; tc++)
                    Assert.Equal(0L, AddressOf(layer.Tile(tr, tc).Blocks.Span) % 64);
    }

    private static unsafe long AddressOf(Span<float> span) => (long)Unsafe.AsPointer(ref MemoryMarshal.GetReference(span));
}
