using Akka.Configuration;
using DistSnn.Core;
using DistSnn.Core.Study;
using DistSnn.Runtime.Cluster;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Tests.Cluster;

/// <summary>A spread study whose messages would not fit the cluster's frame is refused; the bound is a real upper bound.</summary>
public class SpreadFrameSizeTests
{
    private static readonly Config DefaultCluster = RuntimeConfig.Cluster(new ClusterNodeSettings(ClusterRole.Coordinator));

    private static StudySpec Spec(params string[] sets) => StudySpecReader.ReadText("model: m\n", "spec.yaml", null, sets);

    [Fact]
    public void Local_placement_is_never_refused_and_a_fitting_spread_study_passes()
    {
        SpreadFrameSize.Check(Spec("batch=65536", "crossbar.tile.cols=4096"), DefaultCluster);
        SpreadFrameSize.Check(Spec("placement=spread", "batch=256"), DefaultCluster);
    }

    [Fact]
    public void Wide_or_tall_tiles_with_a_large_batch_are_refused_naming_the_batch_and_the_setting()
    {
        var wide = Assert.Throws<InputException>(() => SpreadFrameSize.Check(Spec("placement=spread", "batch=4096", "crossbar.tile.cols=256"), DefaultCluster));
        Assert.Equal("batch", wide.Field);
        Assert.Contains(SpreadFrameSize.Setting, wide.Message);
        // Direct coding sends a tile's analog inputs: tall tiles count too, and a swept tile size is checked at every point.
        Assert.Throws<InputException>(() => SpreadFrameSize.Check(
            Spec("placement=spread", "batch=2048", "sweep=[{ key: crossbar.tile.rows, values: [128, 4096] }]", "crossbar.tile.cols=8"), DefaultCluster));
        // A larger frame lets the same study through.
        SpreadFrameSize.Check(Spec("placement=spread", "batch=4096", "crossbar.tile.cols=256"),
            ConfigurationFactory.ParseString($"{SpreadFrameSize.Setting} = 64MiB").WithFallback(DefaultCluster));
    }

    [Fact]
    public void The_bound_covers_the_serialized_messages()
    {
        using var system = Akka.Actor.ActorSystem.Create("frame", ProtocolConfig.Serialization);
        var serializer = new ProtocolSerializer((Akka.Actor.ExtendedActorSystem)system);
        const int samples = 64, rows = 96, cols = 40;
        var sums = new PartialSums(1, 2, 3, samples, cols, Enumerable.Range(0, samples * cols).Select(i => MathF.PI * i).ToArray(),
            Enumerable.Range(0, samples * cols).Select(i => MathF.E * i).ToArray());
        var inputs = new AnalogSegment(1, 2, 0, rows, samples, Enumerable.Range(0, samples * rows).Select(i => MathF.E * i).ToArray());
        long bound = SpreadFrameSize.LargestMessageBytes(samples, rows, cols);
        Assert.InRange(serializer.ToBinary(sums).Length, 1, bound);
        Assert.InRange(serializer.ToBinary(inputs).Length, 1, bound);
    }
}
