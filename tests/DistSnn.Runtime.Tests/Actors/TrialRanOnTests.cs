using DistSnn.Core.Data;
using DistSnn.Core.Models;
using DistSnn.Core.Study;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Tests.Actors;

/// <summary><see cref="ActorStudyExecution.TrialRanOn"/>: where each trial ran, right after its result (the live view's throughput per worker).</summary>
public class TrialRanOnTests
{
    [Fact]
    public void A_local_study_reports_every_trial_once_as_run_in_this_process_after_its_result()
    {
        StudySpec spec = StudySpecReader.ReadText("""
            model: builtin:digits-mlp
            data: { source: digits, limit: 30 }
            timesteps: 6
            crossbar: { tile: { rows: 32, cols: 32 }, device: { read: { sigma: 0.2 } } }
            sweep:
              - { key: crossbar.device.read.sigma, values: [0.0, 0.3] }
            trials: 3
            """, "ran-on.yaml", null, []);
        var model = BuiltinModels.Load("digits-mlp", "test");
        Dataset data = DataLoader.Load(spec.Data, null, "ran-on.yaml");
        var completed = new List<TrialRecord>();
        var ranOn = new List<(TrialRecord Record, string? Worker, bool AfterResult)>();
        var execution = new ActorStudyExecution(spec, model, data, 2, config: ProtocolConfig.LocalTest);
        execution.TrialCompleted += completed.Add;
        execution.TrialRanOn += (record, worker) => ranOn.Add((record, worker, completed.Contains(record)));
        var records = execution.Run();

        Assert.Equal(6, records.Count);
        Assert.Equal(records.OrderBy(r => r.Point).ThenBy(r => r.Trial), ranOn.Select(r => r.Record).OrderBy(r => r.Point).ThenBy(r => r.Trial));
        Assert.All(ranOn, r => Assert.Null(r.Worker));
        Assert.All(ranOn, r => Assert.True(r.AfterResult, "reported before its result"));
    }
}
