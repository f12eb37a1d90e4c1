using DistSnn.Core.Data;
using DistSnn.Core.Models;
using DistSnn.Core.Study;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Tests.Actors;

public class AdaptiveTrialsTests
{
    [Fact]
    public void A_point_without_noise_needs_the_minimum_only_and_a_noisy_point_goes_on()
    {
        // Direct coding on ideal devices: every trial is the same computation, the CI has zero width after `min`.
        StudySpec spec = StudySpecReader.ReadText("""
            model: builtin:digits-mlp
            data: { source: digits, limit: 60 }
            timesteps: 8
            encoder: direct
            crossbar: { tile: { rows: 32, cols: 32 } }
            sweep:
              - { key: crossbar.device.read.sigma, values: [0.0, 3.0] }
            trials: { min: 3, max: 12, ci_halfwidth: 0.0001 }
            """, "adaptive.yaml", null, []);
        var model = BuiltinModels.Load("digits-mlp", "test");
        Dataset data = DataLoader.Load(spec.Data, null, "adaptive.yaml");
        var seen = new List<TrialRecord>();
        var execution = new ActorStudyExecution(spec, model, data, 2, config: ProtocolConfig.LocalTest);
        execution.TrialCompleted += seen.Add;
        var records = execution.Run();

        Assert.Equal(3, records.Count(r => r.Point == 0));
        Assert.Single(records.Where(r => r.Point == 0).Select(r => r.Result.Correct).Distinct());
        Assert.Equal(Enumerable.Range(0, 12), records.Where(r => r.Point == 1).Select(r => r.Trial));
        Assert.Equal(records.Count, seen.Count);
        Assert.Equal(ResultFiles.FormatTrials(spec, records), ResultFiles.FormatTrials(spec, new StudyRunner(spec, model, data, 2).Run()));
    }

    [Fact]
    public void A_resumed_study_runs_only_the_missing_trials_and_ends_where_an_uninterrupted_one_does()
    {
        StudySpec spec = StudySpecReader.ReadText("""
            model: builtin:digits-mlp
            data: { source: digits, limit: 50 }
            timesteps: 8
            crossbar: { tile: { rows: 32, cols: 32 }, device: { read: { sigma: 0.5 } } }
            sweep:
              - { key: crossbar.faults.stuck_off, values: [0.0, 0.1] }
            trials: { min: 2, max: 8, ci_halfwidth: 0.01 }
            """, "resume.yaml", null, []);
        var model = BuiltinModels.Load("digits-mlp", "test");
        Dataset data = DataLoader.Load(spec.Data, null, "resume.yaml");
        var full = new ActorStudyExecution(spec, model, data, 2, config: ProtocolConfig.LocalTest).Run();

        // Pretend the first run stopped after a few trials: the resumed run must produce exactly the rest.
        var partial = full.Where(r => r.Trial < 3).ToList();
        var rest = new ActorStudyExecution(spec, model, data, 2, partial, config: ProtocolConfig.LocalTest).Run();
        Assert.DoesNotContain(rest, r => partial.Any(p => p.Point == r.Point && p.Trial == r.Trial));
        Assert.Equal(ResultFiles.FormatTrials(spec, full), ResultFiles.FormatTrials(spec, partial.Concat(rest)));
    }
}
