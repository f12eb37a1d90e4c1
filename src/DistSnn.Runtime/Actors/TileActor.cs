using Akka.Actor;
using DistSnn.Core.Crossbar;
using DistSnn.Core.Snn;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Actors;

/// <summary>
/// One crossbar tile of one trial. It programs its own conductances (its fabrication and programming draws),
/// waits until the inputs of all its rows have arrived for a (batch, round), reads itself once per sample
/// (read noise, ADC) and sends the partial column currents to its neuron group. A tile placed on another node
/// (spread placement) is created before its group exists: it keeps what arrives until <see cref="AttachGroup"/>
/// names the group.
/// </summary>
public sealed class TileActor : ReceiveActor, IWithUnboundedStash
{
    private readonly TrialSetup _setup;
    private readonly int _layer;
    private readonly int _tileRow;
    private IActorRef _group = ActorRefs.Nobody;
    private readonly ProgrammedTile _tile;
    private readonly TileReader _reader;
    private readonly Dictionary<(int Batch, int Round), PendingInput> _pending = new();
    private long _clipped, _conversions;

    /// <param name="group">Where the partial sums go; null for a placed tile, which waits for <see cref="AttachGroup"/>.</param>
    public TileActor(TrialSetup setup, int layer, int tileRow, int tileCol, IActorRef? group)
    {
        _setup = setup;
        _layer = layer;
        _tileRow = tileRow;
        TileGrid grid = setup.Grids[layer];
        _tile = ProgrammedTile.Program(setup.Model.Layers[layer], layer, grid, tileRow, tileCol, setup.LayerWmax[layer],
            setup.Crossbar, setup.Seed, setup.Trial);
        _reader = new TileReader(grid.Cols);

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
            PendingInput input = Pending(segment.Batch, segment.Round, segment.Samples);
            int words = SpikePacking.WordsFor(segment.Count);
            for (int s = 0; s < segment.Samples; s++)
                SpikePacking.Unpack(segment.Bits.AsSpan(s * words, words), input.Row(s, segment.Start - _tile.RowStart, segment.Count));
            Arrived(segment.Batch, segment.Round, input, segment.Count);
        });
        Receive<AnalogSegment>(segment =>
        {
            PendingInput input = Pending(segment.Batch, segment.Round, segment.Samples);
            for (int s = 0; s < segment.Samples; s++)
                segment.Values.AsSpan(s * segment.Count, segment.Count).CopyTo(input.Row(s, segment.Start - _tile.RowStart, segment.Count));
            Arrived(segment.Batch, segment.Round, input, segment.Count);
        });
        Receive<TileTotalsRequest>(_ => Sender.Tell(new TileTotals(_layer, _tile.Index, _clipped, _conversions)));
    }

    private PendingInput Pending(int batch, int round, int samples)
    {
        if (!_pending.TryGetValue((batch, round), out PendingInput? input))
            _pending[(batch, round)] = input = new PendingInput(samples, _tile.Rows);
        return input;
    }

    private void Arrived(int batch, int round, PendingInput input, int rows)
    {
        input.Covered += rows;
        if (input.Covered < _tile.Rows) return;
        _pending.Remove((batch, round));

        int cols = _tile.Cols;
        var values = new double[input.Samples * cols];
        for (int s = 0; s < input.Samples; s++)
        {
            var key = new ReadKey(_setup.Seed, _setup.Trial, _setup.SampleKey(batch, s), round);
            _clipped += _reader.Read(_tile, input.Row(s, 0, _tile.Rows), _setup.Crossbar.Device.Read, key, values.AsSpan(s * cols, cols));
            if (_tile.AdcRange > 0) _conversions += cols;
        }
        _group.Tell(new PartialSums(batch, round, _tileRow, input.Samples, cols, values));
    }

    /// <summary>The inputs of one (batch, round) collected so far, sample-major.</summary>
    private sealed class PendingInput(int samples, int rows)
    {
        private readonly float[] _values = new float[samples * rows];

        public int Samples { get; } = samples;
        public int Covered { get; set; }

        public Span<float> Row(int sample, int offset, int count) => _values.AsSpan(sample * rows + offset, count);
    }
}
