using Akka.Actor;
using DistSnn.Core.Crossbar;
using DistSnn.Core.Trial;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Actors;

/// <summary>
/// Runs the <see cref="EncoderStep"/> for a batch, round by round, and sends each tile of layer 0 the rows it
/// reads: packed spikes (rate coding) or analog values after the DAC (direct coding). It keeps at most
/// <see cref="RoundsAhead"/> rounds of a batch ahead of the first layer, so memory stays bounded.
/// </summary>
public sealed class EncoderActor : ReceiveActor
{
    /// <summary>Rounds of a batch fed ahead of the first layer's progress: bounds the messages in flight.</summary>
    public const int RoundsAhead = 2;

    private readonly TrialSetup _setup;
    private readonly IReadOnlyList<IActorRef> _tiles;
    private readonly Dictionary<int, EncodeBatch> _batches = new();
    private readonly ulong[] _spikes;
    private readonly float[] _analog;

    public EncoderActor(TrialSetup setup, IReadOnlyList<IActorRef> firstLayerTiles)
    {
        _setup = setup;
        _tiles = firstLayerTiles;
        int width = setup.Model.Inputs, batchSize = setup.Plan.BatchSize;
        _spikes = EncoderStep.IsRate(setup.Plan) ? new ulong[batchSize * PackedSpikes.WordsFor(width)] : [];
        _analog = EncoderStep.IsRate(setup.Plan) ? [] : new float[batchSize * width];

        Receive<EncodeBatch>(batch =>
        {
            _batches[batch.Batch] = batch;
            for (int round = 0; round < Math.Min(RoundsAhead, setup.Model.Timesteps); round++) Encode(batch, round);
        });
        Receive<RoundIntegrated>(done =>
        {
            int next = done.Round + RoundsAhead;
            if (next < setup.Model.Timesteps) Encode(_batches[done.Batch], next);
            if (next >= setup.Model.Timesteps - 1) _batches.Remove(done.Batch);
        });
    }

    /// <summary>Encodes one round of a batch and sends each first-layer tile the rows it reads.</summary>
    private void Encode(EncodeBatch batch, int round)
    {
        TrialPlan plan = _setup.Plan;
        TileGrid grid = plan.Grids[0];
        int width = plan.Model.Inputs, samples = batch.Samples;
        // The whole input is encoded into this actor's own buffers; only the tile rows' pieces are sent.
        ulong[]? spikes = null;
        float[]? analog = null;
        if (EncoderStep.IsRate(plan))
        {
            spikes = _spikes;
            EncoderStep.Spikes(plan, batch.Batch, samples, _setup.FirstKey(batch.Batch, round), spikes);
        }
        else
        {
            analog = _analog;
            EncoderStep.Analog(plan, batch.Batch, samples, analog);
        }
        foreach (var (tileRow, from, count) in SpikeRouting.Overlaps(grid, 0, width))
        {
            IProtocolMessage segment = spikes is not null
                ? SpikeRouting.Segment(batch.Batch, round, spikes, samples, width, 0, from, count, share: false)
                : Analog(batch.Batch, round, analog!, samples, width, from, count);
            for (int tc = 0; tc < grid.TileCols; tc++) _tiles[grid.Index(tileRow, tc)].Tell(segment);
        }
    }

    private static AnalogSegment Analog(int batch, int round, float[] input, int samples, int width, int from, int count)
    {
        var values = new float[samples * count];
        for (int s = 0; s < samples; s++) input.AsSpan(s * width + from, count).CopyTo(values.AsSpan(s * count, count));
        return new AnalogSegment(batch, round, from, count, samples, values);
    }
}
