using Akka.Actor;
using DistSnn.Core.Crossbar;
using DistSnn.Core.Snn;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Actors;

/// <summary>
/// Turns a batch of samples into the first layer's inputs, every round, and sends each tile of layer 0 the rows
/// it reads: bit-packed spikes (rate coding) or analog values after the DAC (direct coding).
/// </summary>
public sealed class EncoderActor : ReceiveActor
{
    public EncoderActor(TrialSetup setup, IReadOnlyList<IActorRef> firstLayerTiles)
    {
        TileGrid grid = setup.Grids[0];
        int width = setup.Model.Inputs;
        var scratch = new double[width];
        var dac = new Dac(setup.Crossbar.Dac.Bits);

        Receive<EncodeBatch>(batch =>
        {
            var input = new float[batch.Samples * width];
            for (int round = 0; round < setup.Model.Timesteps; round++)
            {
                for (int s = 0; s < batch.Samples; s++)
                {
                    var key = new ReadKey(setup.Seed, setup.Trial, setup.SampleKey(batch.Batch, s), round);
                    InputEncoder.Encode(setup.Model.Encoder, setup.Data.Sample(batch.First + s), key, dac,
                        input.AsSpan(s * width, width), scratch);
                }
                foreach (var (tileRow, from, count) in SpikeRouting.Overlaps(grid, 0, width))
                {
                    IProtocolMessage segment = setup.Model.Encoder == EncoderKind.Rate
                        ? SpikeRouting.Pack(batch.Batch, round, input, batch.Samples, width, 0, from, count)
                        : Analog(batch.Batch, round, input, batch.Samples, width, from, count);
                    for (int tc = 0; tc < grid.TileCols; tc++) firstLayerTiles[grid.Index(tileRow, tc)].Tell(segment);
                }
            }
        });
    }

    private static AnalogSegment Analog(int batch, int round, float[] input, int samples, int width, int from, int count)
    {
        var values = new float[samples * count];
        for (int s = 0; s < samples; s++) input.AsSpan(s * width + from, count).CopyTo(values.AsSpan(s * count, count));
        return new AnalogSegment(batch, round, from, count, samples, values);
    }
}
