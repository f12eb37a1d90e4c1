namespace DistSnn.Cli.Terminal;

/// <summary>
/// What the progress display shows at one moment, copied out of <see cref="StudyTally"/> so that drawing never
/// holds the lock the trial events need: totals over the study and the rows of the points on show.
/// </summary>
internal sealed record ProgressSnapshot(
    IReadOnlyList<PointProgress> Rows,
    int Points,
    int Done,
    int DoneThisRun,
    int Planned,
    bool Adaptive,
    TimeSpan Elapsed)
{
    /// <summary>Cluster workers ready to take work; null for a study without a cluster.</summary>
    public int? Workers { get; init; }

    public TimeSpan? Remaining => Extrapolate(Done, DoneThisRun, Planned, Elapsed);

    /// <summary>Time left at the speed of this run so far; null before its first trial. Resumed trials took no time here.</summary>
    public static TimeSpan? Extrapolate(int done, int doneThisRun, int planned, TimeSpan elapsed)
    {
        if (done >= planned) return TimeSpan.Zero;
        if (doneThisRun == 0) return null;
        return elapsed * ((double)(planned - done) / doneThisRun);
    }
}

/// <summary>One sweep point in a <see cref="ProgressSnapshot"/>.</summary>
internal sealed record PointProgress(
    int Point,
    string Label,
    int Done,
    int DoneThisRun,
    int Planned,
    bool Adaptive,
    double Mean,
    double Ci95HalfWidth,
    TimeSpan? Remaining);
