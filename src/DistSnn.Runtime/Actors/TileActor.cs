using Akka.Actor;
using DistSnn.Core.Crossbar;
using DistSnn.Core.Trial;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Actors;

/// <summary>
/// One crossbar tile of one trial: message plumbing around the <see cref="TileStep"/>. It programs its own
/// conductances (its fabrication and programming draws), waits until the inputs of all its rows have arrived for a
/// (batch, round), runs the tile step on the whole batch and sends the partial column currents to its neuron
/// group. A tile placed on another node (spread placement) is created before its group exists: it keeps what
/// arrives until <see cref="AttachGroup"/> names the group.
/// </summary>
public sealed class TileActor : ReceiveActor, IWithUnboundedStash
{
    private readonly TrialSetup _setup;
    private readonly int _layer;
    private IActorRef _group = ActorRefs.Nobody;
    private readonly ProgrammedTile _tile;
    private readonly int _words;
    private readonly Dictionary<(int Batch, int Round), PendingInput> _pending = new();
    private readonly ChipCounters _counters;

    /// <param name="group">Where the partial sums go; null for a placed tile, which waits for <see cref="AttachGroup"/>.</param>
    public TileActor(TrialSetup setup, int layer, int tileRow, int tileCol, IActorRef? group)
    {
        _setup = setup;
        _layer = layer;
        _tile = setup.Plan.ProgramTile(setup.Trial, layer, tileRow, tileCol);
        _words = PackedSpikes.WordsFor(_tile.Rows);
        _counters = new ChipCounters(setup.Plan.Layers);
        _counters.Add(_tile);

        if (group is null)
        {
            Become(WaitingForGroup);
            return;
        }
        _group = group;
        Become(Reading);
    }

    public IStash Stash { get; set; } = null!;

    private void WaitingForGroup()
    {
        Receive<AttachGroup>(_ =>
        {
            _group = Sender;
            Stash.UnstashAll();
            Become(Reading);
        });
        // Inputs may overtake the attachment (they come from other senders): keep them until it arrives.
        ReceiveAny(_ => Stash.Stash());
    }

    private void Reading()
    {
        Receive<SpikeSegment>(segment =>
        {
            // The usual case: one segment is all of this tile's rows, and its words are read as they are.
            if (segment.Start == _tile.RowStart && segment.Count == _tile.Rows)
            {
                Read(segment.Batch, segment.Round, segment.Samples, segment.Bits, null);
                return;
            }
            PendingInput input = Pending(segment.Batch, segment.Round, segment.Samples, analog: false);
            PackedSpikes.CopyBatch(segment.Bits, segment.Count, 0, input.Spikes!, _tile.Rows, segment.Start - _tile.RowStart, segment.Count, segment.Samples);
            Arrived(segment.Batch, segment.Round, input, segment.Count);
        });
        Receive<AnalogSegment>(segment =>
        {
            PendingInput input = Pending(segment.Batch, segment.Round, segment.Samples, analog: true);
            for (int s = 0; s < segment.Samples; s++)
                segment.Values.AsSpan(s * segment.Count, segment.Count).CopyTo(input.Analog.AsSpan(s * _tile.Rows + segment.Start - _tile.RowStart, segment.Count));
            Arrived(segment.Batch, segment.Round, input, segment.Count);
        });
        Receive<CounterTotalsRequest>(_ => Sender.Tell(new CounterTotals(_counters.ToArray())));
    }

    private PendingInput Pending(int batch, int round, int samples, bool analog)
    {
        if (!_pending.TryGetValue((batch, round), out PendingInput? input))
            _pending[(batch, round)] = input = new PendingInput(samples, analog ? null : new ulong[samples * _words], analog ? new float[samples * _tile.Rows] : []);
        return input;
    }

    private void Arrived(int batch, int round, PendingInput input, int rows)
    {
        input.Covered += rows;
        if (input.Covered < _tile.Rows) return;
        _pending.Remove((batch, round));
        Read(batch, round, input.Samples, input.Spikes, input.Analog);
    }

    /// <summary>One tile step on the batch's inputs (spikes, or analog values when <paramref name="spikes"/> is null).</summary>
    private void Read(int batch, int round, int samples, ulong[]? spikes, float[]? analog)
    {
        float[] values = PartialBuffers.Rent(samples * _tile.Cols);
        float[] variances = _tile.DefersReadNoise ? PartialBuffers.Rent(samples * _tile.Cols) : [];
        ReadKey first = _setup.FirstKey(batch, round);
        TileStep step = TileStep.OfThread(_tile.Rows, _tile.Cols, _setup.Plan.BatchSize);
        _counters.Add(_layer, spikes is not null
            ? step.Run(_tile, spikes, samples, first, values, variances)
            : step.RunAnalog(_tile, analog, samples, first, values, variances));
        _group.Tell(new PartialSums(batch, round, _tile.TileRow, samples, _tile.Cols, values, variances));
    }

    /// <summary>The inputs of one (batch, round) collected so far, sample-major.</summary>
    private sealed class PendingInput(int samples, ulong[]? spikes, float[] analog)
    {
        public int Samples { get; } = samples;
        public ulong[]? Spikes { get; } = spikes;
        public float[] Analog { get; } = analog;
        public int Covered { get; set; }
    }
}
