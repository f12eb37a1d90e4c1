using Akka.Actor;

namespace DistSnn.Runtime.Actors;

/// <summary>
/// Which dispatcher a node's next trial runs on. A trial alone on its node uses the shared compute pool, so its
/// tiles and groups spread over every core. A trial with others beside it gets a lane: a dispatcher of one thread
/// that it shares only with trials it is dealt alongside, so its messages and partial sums stay on one core
/// instead of crossing to another core's cache on every round (two trials spread over two cores cost 20-27% more
/// CPU than two trials each on a core). The dispatcher never changes a result: every draw is keyed.
/// Owned by one actor (the coordinator for its local trials, a worker for its own): not thread-safe.
/// </summary>
public sealed class ComputeLanes
{
    /// <summary>The shared compute pool (every compute thread).</summary>
    public const string Shared = TrialActor.ComputeDispatcher;

    private readonly int[] _trials; // running trials per lane
    private readonly Dictionary<IActorRef, int> _laneOf = new();

    /// <param name="threads">The node's compute threads (<see cref="CountFor"/> lanes).</param>
    public ComputeLanes(int threads) => _trials = new int[CountFor(threads)];

    /// <summary>The lanes of a node with <paramref name="threads"/> compute threads: one per thread, none below two
    /// (one thread is a lane already).</summary>
    public static int CountFor(int threads) => threads < 2 ? 0 : threads;

    /// <summary>The dispatcher id of lane <paramref name="lane"/> (configured by <see cref="RuntimeConfig"/>).</summary>
    public static string Lane(int lane) => $"{Shared}-lane-{lane}";

    /// <summary>The dispatcher for a trial about to start: a lane (the least busy, the lowest index first) when
    /// <paramref name="alongside"/> says other trials run or will run on this node beside it, else the shared pool.</summary>
    public string Choose(bool alongside)
    {
        if (!alongside || _trials.Length == 0) return Shared;
        int best = 0;
        for (int i = 1; i < _trials.Length; i++)
            if (_trials[i] < _trials[best]) best = i;
        return Lane(best);
    }

    /// <summary>Records that <paramref name="trial"/> started on <paramref name="dispatcher"/> (from <see cref="Choose"/>).</summary>
    public void Started(IActorRef trial, string dispatcher)
    {
        for (int i = 0; i < _trials.Length; i++)
        {
            if (dispatcher != Lane(i)) continue;
            _trials[i]++;
            _laneOf[trial] = i;
            return;
        }
    }

    /// <summary>Records that <paramref name="trial"/> ended (completed, failed, lost or stopped); any other actor is ignored.</summary>
    public void Ended(IActorRef trial)
    {
        if (_laneOf.Remove(trial, out int lane)) _trials[lane]--;
    }
}
