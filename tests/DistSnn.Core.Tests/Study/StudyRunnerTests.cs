using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Snn;
using DistSnn.Core.Study;

namespace DistSnn.Core.Tests.Study;

public class StudyRunnerTests
{
    private static StudySpec Spec(TrialCount trials, params double[] readSigmas)
    {
        var points = readSigmas.Select((sigma, i) => new StudyPoint(i, [ResultFiles.Number(sigma)],
            new PointSettings(8, new NeuronOverrides(), EncoderKind.Direct, new CrossbarSettings
            {
                Tile = new(128, 128),
                Device = new DeviceSettings { Read = new(NoiseModel.Proportional, sigma) },
            }))).ToList();
        return new StudySpec
        {
            Name = "runner",
            Seed = 3,
            Model = "reference",
            Data = new DataSpec("fashion-mnist"),
            Trials = trials,
            Batch = 16,
            Sweep = [new SweepAxis("crossbar.device.read.sigma", points.Select(p => p.Coordinates[0]).ToList())],
            Points = points,
            Origin = "test",
            CanonicalText = "test",
            EffectiveText = "test",
        };
    }

    private static readonly Lazy<Dataset> Data = new(() => TestData.FashionMnistTest(40));

    [Fact]
    public void Records_do_not_depend_on_the_number_of_workers()
    {
        StudySpec spec = Spec(TrialCount.Fixed(3), 0.0, 0.5);
        string one = ResultFiles.FormatTrials(spec, new StudyRunner(spec, TestData.SharedModel, Data.Value, 1).Run());
        string three = ResultFiles.FormatTrials(spec, new StudyRunner(spec, TestData.SharedModel, Data.Value, 3).Run());
        Assert.Equal(one, three);
        Assert.Equal(1 + 6, one.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Adaptive_trials_stop_at_the_minimum_without_noise_and_go_on_with_it()
    {
        // Direct coding and ideal devices: every trial is the same chip and the same inputs, so the CI has zero
        // width after the minimum. Strong read noise spreads the trials, so that point needs more.
        StudySpec spec = Spec(new TrialCount(3, 12, 1e-4), 0.0, 2.0);
        var records = new StudyRunner(spec, TestData.SharedModel, Data.Value, 2).Run();
        Assert.Equal(3, records.Count(r => r.Point == 0));
        Assert.Single(records.Where(r => r.Point == 0).Select(r => r.Result.Correct).Distinct());
        Assert.Equal(12, records.Count(r => r.Point == 1));
        Assert.Equal(Enumerable.Range(0, 12), records.Where(r => r.Point == 1).Select(r => r.Trial));
    }

    [Fact]
    public void Cancellation_returns_only_whole_trials()
    {
        StudySpec spec = Spec(TrialCount.Fixed(50), 0.1);
        using var cancel = new CancellationTokenSource();
        var runner = new StudyRunner(spec, TestData.SharedModel, Data.Value, 2);
        int seen = 0;
        runner.TrialCompleted += _ => { if (++seen == 2) cancel.Cancel(); };
        var records = runner.Run(cancel.Token);
        Assert.InRange(records.Count, 2, 4);
        Assert.All(records, r => Assert.Equal(40, r.Result.Total));
    }
}
