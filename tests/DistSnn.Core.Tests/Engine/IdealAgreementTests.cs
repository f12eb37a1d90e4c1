using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Engine;
using DistSnn.Core.Snn;
using Xunit.Abstractions;

namespace DistSnn.Core.Tests.Engine;

/// <summary>
/// The engine sums in float per tile, then adds the tiles of a column group: with ideal devices this must give the
/// plain float network (one float sum per neuron over all its inputs, in input order) the same spike counts for
/// at least 99.9% of the 10,000 Fashion-MNIST test images (the bar); the figure is printed. The bar is set on
/// the whole test set, so this reads the Debian package (the repository keeps 2,000 images) and is skipped without it.
/// </summary>
public class IdealAgreementTests(ITestOutputHelper output)
{
    [FullFashionMnistFact]
    public void Ideal_devices_give_the_plain_float_networks_spike_counts_for_999_in_1000_test_images()
    {
        SnnModel model = TestData.SharedModel;
        Dataset data = TestData.FullFashionMnistTest();
        int classes = model.Classes;
        var engine = new double[data.Count * classes];
        new ReferenceEngine(model, CrossbarSettings.Ideal, 1, batch: 64).RunTrial(0, data, engine);
        double[] plain = PlainNetwork.SpikeCounts(model, data, 1, 0, PlainNetwork.Sums.Float);

        int same = Enumerable.Range(0, data.Count)
            .Count(s => engine.AsSpan(s * classes, classes).SequenceEqual(plain.AsSpan(s * classes, classes)));
        double fraction = (double)same / data.Count;
        output.WriteLine($"ideal 128 x 128 tiles: {same} of {data.Count} images ({fraction:P2}) have the plain float network's spike counts");
        Assert.True(plain.Sum() > data.Count * 10, "the network must actually spike");
        Assert.True(fraction >= 0.999, $"{same} of {data.Count} images agree");
    }
}
