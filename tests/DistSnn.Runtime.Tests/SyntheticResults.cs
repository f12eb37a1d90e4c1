using DistSnn.Core.Engine;
using DistSnn.Core.Study;

namespace DistSnn.Runtime.Tests;

/// <summary>
/// Plausible trial results for a spec without running a simulation: accuracy falls along every swept axis
/// (with the value's position on it) and spreads more as it falls, like a crossbar study's.
/// </summary>
internal static class SyntheticResults
{
    public const int Samples = 597;

    public static StudySpec Demo() => StudySpecReader.ReadDemo([]);

    public static StudySpec Read(string yaml) => StudySpecReader.ReadText(yaml, "spec.yaml", "/studies", []);

    public static List<TrialRecord> Trials(StudySpec spec, int trialsPerPoint)
    {
        var records = new List<TrialRecord>();
        foreach (StudyPoint point in spec.Points)
        {
            double loss = 0;
            for (int axis = 0; axis < spec.Sweep.Count; axis++)
            {
                int order = spec.Sweep[axis].Values.ToList().IndexOf(point.Coordinates[axis]);
                loss += 0.03 * (axis + 1) * order * order;
            }
            var random = new Random(1000 * point.Index + 7);
            for (int trial = 0; trial < trialsPerPoint; trial++)
            {
                double noise = (random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5) * (0.01 + loss / 4);
                double accuracy = Math.Clamp(0.96 - loss + noise, 0.05, 1.0);
                int correct = (int)Math.Round(accuracy * Samples);
                records.Add(new TrialRecord(point.Index, trial, new TrialResult(correct, Samples, Counted.Adc(trial, 10 * Samples))));
            }
        }
        return records;
    }

    public static IReadOnlyList<PointSummary> Summaries(StudySpec spec, int trialsPerPoint) =>
        StudyRunner.Summarise(spec, Trials(spec, trialsPerPoint));
}
