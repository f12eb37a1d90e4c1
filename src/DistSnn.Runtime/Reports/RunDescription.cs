namespace DistSnn.Runtime.Reports;

/// <summary>How a study's results came to be, for the report's header: when, by which build, for how long, where, on what.</summary>
/// <param name="Started">When this run of the study began.</param>
/// <param name="Elapsed">This run's wall time (a resumed study: the resumed run only).</param>
/// <param name="Workers">Who ran the trials, e.g. "2 local worker threads, 3 joined workers".</param>
public sealed record RunDescription(DateTimeOffset Started, TimeSpan Elapsed, string Workers, BuildVersion Build, string Machine)
{
    /// <summary>A run of this process and build on this machine.</summary>
    public static RunDescription ThisProcess(DateTimeOffset started, TimeSpan elapsed, string workers) =>
        new(started, elapsed, workers, BuildVersion.Current, MachineDescription.Current());
}
