namespace DistSnn.Core.Study;

/// <summary>
/// A sweep point's accuracy minus a baseline point's, paired by trial: trial k is the same virtual chip at every
/// point (common random numbers, DESIGN.md §3), so <c>d_k = accuracy(point, k) - accuracy(baseline, k)</c> cancels
/// the chip-to-chip spread both points share, and its confidence interval is far narrower than the two points'
/// own intervals suggest. Only trials present at both points count; statistics as in <see cref="PointSummary"/>
/// (the spread is NaN below two pairs, everything is NaN with none).
/// </summary>
public sealed record PairedDifference(
    int Point,
    int Baseline,
    int Pairs,
    double Mean,
    double Std,
    double StandardError,
    double Ci95Low,
    double Ci95High)
{
    public double Ci95HalfWidth => (Ci95High - Ci95Low) / 2;

    /// <summary>The paired difference of <paramref name="point"/> to <paramref name="baseline"/> over <paramref name="records"/> (any points).</summary>
    public static PairedDifference Of(int point, int baseline, IEnumerable<TrialRecord> records)
    {
        var byPoint = AccuracyByTrial(records);
        return Of(point, baseline, byPoint.GetValueOrDefault(point), byPoint.GetValueOrDefault(baseline));
    }

    /// <summary>Every point's paired difference to the spec's <see cref="StudySpec.Baseline"/>, in point order.</summary>
    public static IReadOnlyList<PairedDifference> ForEveryPoint(StudySpec spec, IEnumerable<TrialRecord> records)
    {
        var byPoint = AccuracyByTrial(records);
        var baseline = byPoint.GetValueOrDefault(spec.Baseline);
        return spec.Points.Select(p => Of(p.Index, spec.Baseline, byPoint.GetValueOrDefault(p.Index), baseline)).ToList();
    }

    private static PairedDifference Of(int point, int baseline, SortedDictionary<int, double>? atPoint, SortedDictionary<int, double>? atBaseline)
    {
        var differences = new List<double>();
        if (atPoint is not null && atBaseline is not null)
        {
            // In trial order, so the sums (and so the printed numbers) never depend on the order records arrived in.
            foreach (var (trial, accuracy) in atPoint)
                if (atBaseline.TryGetValue(trial, out double reference)) differences.Add(accuracy - reference);
        }
        var estimate = MeanEstimate.Of(differences);
        return new PairedDifference(point, baseline, estimate.Count, estimate.Mean, estimate.Std, estimate.StandardError, estimate.Ci95Low, estimate.Ci95High);
    }

    private static Dictionary<int, SortedDictionary<int, double>> AccuracyByTrial(IEnumerable<TrialRecord> records)
    {
        var byPoint = new Dictionary<int, SortedDictionary<int, double>>();
        foreach (TrialRecord r in records)
        {
            if (!byPoint.TryGetValue(r.Point, out var trials)) byPoint[r.Point] = trials = [];
            // A repeated (point, trial) is the same deterministic result; keep one.
            trials[r.Trial] = r.Result.Accuracy;
        }
        return byPoint;
    }
}
