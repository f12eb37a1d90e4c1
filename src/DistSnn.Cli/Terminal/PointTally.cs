using DistSnn.Core.Study;

namespace DistSnn.Cli.Terminal;

/// <summary>
/// One sweep point's trials so far and their running accuracy mean and spread. Welford's update keeps the cost of a
/// trial constant however many the point already has. Not thread-safe: <see cref="StudyTally"/> guards it.
/// </summary>
internal sealed class PointTally(int index, string label, TrialCount trials)
{
    private double _mean;
    private double _squares;

    public int Index => index;

    public string Label => label;

    public int Done { get; private set; }

    /// <summary>Trials finished by this run (not resumed from an earlier one): what the speed is measured on.</summary>
    public int DoneThisRun { get; private set; }

    /// <summary>An adaptive count that went past its minimum: only its maximum bounds it now.</summary>
    public bool Adaptive => trials.IsAdaptive && Done > trials.Min;

    /// <summary>The study ran to its end, so this point has all the trials it will get.</summary>
    public bool Complete { get; private set; }

    /// <summary>The minimum until the point goes past it, then the maximum (an adaptive count may stop anywhere between).</summary>
    public int Planned => Complete ? Done : Math.Max(Done, Adaptive ? trials.Max : trials.Min);

    public double Mean => Done == 0 ? double.NaN : _mean;

    /// <summary>Student-t 95% half-width of the mean; NaN below two trials.</summary>
    public double Ci95HalfWidth => Done < 2 ? double.NaN : StudentT.Quantile(0.975, Done - 1) * Math.Sqrt(_squares / (Done - 1) / Done);

    public void Add(double accuracy, bool resumed)
    {
        Done++;
        if (!resumed) DoneThisRun++;
        double delta = accuracy - _mean;
        _mean += delta / Done;
        _squares += delta * (accuracy - _mean);
    }

    public void MarkComplete() => Complete = true;
}
