using DistSnn.Core.Data;
using DistSnn.Core.Models;
using DistSnn.Core.Snn;
using DistSnn.Core.Study;

namespace DistSnn.Core.Tests.Study;

/// <summary>The ideal-device reference is the study's own trial 0 with every device non-ideality off.</summary>
public class IdealDeviceAccuracyTests
{
    private static readonly Lazy<SnnModel> Model = new(() => BuiltinModels.Load("digits-mlp", "test"));
    private static readonly Lazy<Dataset> Data = new(() => DataLoader.Load(new DataSpec("digits"), null, "test"));

    [Fact]
    public void It_is_the_accuracy_of_trial_0_of_the_same_study_with_ideal_devices()
    {
        // The demo's baseline point still has 5% programming error; with it set to 0 the point is ideal.
        StudySpec ideal = StudySpecReader.ReadDemo(["crossbar.device.programming.sigma=0", "trials=1"]);
        double trial0 = Trial0(ideal, 0);

        double computed = IdealDeviceAccuracy.Compute(StudySpecReader.ReadDemo([]), Model.Value, Data.Value);

        Assert.Equal(trial0, computed);
        Assert.InRange(computed, 0.85, 1.0);
    }

    [Fact]
    public void No_device_setting_of_the_baseline_changes_it()
    {
        double plain = IdealDeviceAccuracy.Compute(StudySpecReader.ReadDemo([]), Model.Value, Data.Value);
        StudySpec noisy = StudySpecReader.ReadDemo([
            "baseline=11", "crossbar.device.programming.sigma=0.5", "crossbar.adc.bits=2", "crossbar.mapping.levels=4",
        ]);

        double computed = IdealDeviceAccuracy.Compute(noisy, Model.Value, Data.Value);
        double noisyTrial0 = Trial0(noisy, 11);

        Assert.Equal(plain, computed);
        Assert.True(noisyTrial0 < computed - 0.1, $"the noisy point itself ({noisyTrial0}) must be far below the ideal ({computed})");
    }

    /// <summary>Trial 0 of one point of <paramref name="spec"/>, run as a study of that point alone.</summary>
    private static double Trial0(StudySpec spec, int point)
    {
        StudySpec alone = spec with { Points = [spec.Points[point] with { Index = 0, Coordinates = [] }], Sweep = [], Baseline = 0, Trials = TrialCount.Fixed(1) };
        return new StudyRunner(alone, Model.Value, Data.Value, 1).Run().Single().Result.Accuracy;
    }
}
