using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using DistSnn.Core.Crossbar;
using DistSnn.Core.Random;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Trial;

/// <summary>
/// The neuron step of one column group (layer outputs <c>[colStart, colStart + cols)</c>) for one round of a batch.
/// The group's synaptic current is the sum of its tiles' partials in tile-row order (<see cref="AddPartial"/>);
/// then, per neuron, <c>u = beta u + ((I + b) + sigma z)</c> with the digital bias b and membrane noise z (Neuron
/// stream of (trial, layer, sample, step), element = neuron index), spike when <c>u &gt;= theta</c>, reset. Spikes
/// come out packed, bit i being neuron <c>colStart + i</c>. Holds scratch: one per thread or actor.
/// </summary>
public sealed class NeuronStep
{
    private readonly float[] _normals;

    public NeuronStep(int maxCols) => _normals = new float[maxCols];

    /// <summary>Adds one tile's partials into the group's current: the first tile row copies, the next ones add, in tile-row order.</summary>
    public static void AddPartial(Span<float> current, ReadOnlySpan<float> partial, bool firstTileRow)
    {
        if (firstTileRow) partial[..current.Length].CopyTo(current);
        else TensorPrimitives.Add(current, partial[..current.Length], current);
    }

    /// <summary>
    /// Column-group read noise (tiles without an ADC leave it to the group, <see cref="ProgrammedTile.DefersReadNoise"/>):
    /// <c>I_c += sqrt(V_c) z_c</c> with V the tiles' variances summed in tile-row order and z_c element
    /// <c>colStart + c</c> of the ReadGroup stream of (trial, layer, sample, step); sqrt, product and sum rounded
    /// separately, as a tile does it. <paramref name="variance"/> is used up (overwritten).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddReadNoise(int layer, int colStart, int cols, int samples, in ReadKey first, Span<float> current, Span<float> variance)
    {
        Span<float> z = _normals.AsSpan(0, cols);
        for (int s = 0; s < samples; s++)
        {
            (first with { Sample = first.Sample + s }).Stream(RandomScope.ReadGroup, layer, 0).FillNormal(z, colStart);
            Span<float> noise = variance.Slice(s * cols, cols);
            TensorPrimitives.Sqrt(noise, noise);
            TensorPrimitives.Multiply(noise, z, noise);
            Span<float> i = current.Slice(s * cols, cols);
            TensorPrimitives.Add(i, noise, i);
        }
    }

    /// <summary>Integrates and fires: <paramref name="current"/> and <paramref name="membrane"/> are <c>[samples, cols]</c>,
    /// <paramref name="spikes"/> receives <c>[samples, WordsFor(cols)]</c>. Returns the number of spikes fired.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Fire(TrialPlan plan, int layer, int colStart, int cols, int samples, in ReadKey first,
        ReadOnlySpan<float> current, Span<double> membrane, Span<ulong> spikes)
    {
        NeuronSettings neuron = plan.Model.Neuron;
        ReadOnlySpan<float> bias = Bias(plan, layer, colStart, cols);
        int words = PackedSpikes.WordsFor(cols);
        spikes[..(samples * words)].Clear();
        for (int s = 0; s < samples; s++)
        {
            ReadOnlySpan<float> z = Noise(plan, layer, colStart, cols, first with { Sample = first.Sample + s });
            Span<ulong> bits = spikes.Slice(s * words, words);
            Span<double> u = membrane.Slice(s * cols, cols);
            ReadOnlySpan<float> i = current.Slice(s * cols, cols);
            int c = Vector256.IsHardwareAccelerated ? FireVectors(neuron, i, bias, z, u, bits) : 0;
            for (; c < cols; c++)
            {
                double input = Input(i[c], bias, z, neuron.Sigma, c);
                if (LifNeuron.Step(neuron, ref u[c], input)) bits[c >> 6] |= 1UL << (c & 63);
            }
        }
        return PackedSpikes.Count(spikes[..(samples * words)]);
    }

    /// <summary>
    /// <see cref="LifNeuron.Step(NeuronSettings, ref double, double)"/> on 8 neurons at a time, for the first
    /// <c>cols - cols % 8</c> neurons; returns how many it did. The same double operations in the same order, each
    /// rounded (no fused multiply-add), so the same bits as the scalar step.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int FireVectors(NeuronSettings neuron, ReadOnlySpan<float> current, ReadOnlySpan<float> bias, ReadOnlySpan<float> z,
        Span<double> membrane, Span<ulong> bits)
    {
        var beta = Vector256.Create(neuron.Beta);
        var threshold = Vector256.Create(neuron.Threshold);
        var sigma = Vector256.Create(neuron.Sigma);
        int c = 0;
        for (; c + 8 <= current.Length; c += 8)
        {
            (Vector256<double> lo, Vector256<double> hi) = Vector256.Widen(Vector256.Create(current.Slice(c, 8)));
            if (!bias.IsEmpty)
            {
                (Vector256<double> blo, Vector256<double> bhi) = Vector256.Widen(Vector256.Create(bias.Slice(c, 8)));
                lo += blo;
                hi += bhi;
            }
            if (!z.IsEmpty)
            {
                (Vector256<double> zlo, Vector256<double> zhi) = Vector256.Widen(Vector256.Create(z.Slice(c, 8)));
                lo += sigma * zlo;
                hi += sigma * zhi;
            }
            uint fired = Integrate(neuron, beta, threshold, membrane.Slice(c, 4), lo)
                | (Integrate(neuron, beta, threshold, membrane.Slice(c + 4, 4), hi) << 4);
            bits[c >> 6] |= (ulong)fired << (c & 63);
        }
        return c;
    }

    /// <summary>Four neurons: <c>u = beta u + input</c>, fire, reset; returns the spikes as the low 4 bits.</summary>
    private static uint Integrate(NeuronSettings neuron, Vector256<double> beta, Vector256<double> threshold, Span<double> membrane, Vector256<double> input)
    {
        Vector256<double> u = beta * Vector256.Create((ReadOnlySpan<double>)membrane) + input;
        Vector256<double> fires = Vector256.GreaterThanOrEqual(u, threshold);
        u = neuron.Reset switch
        {
            ResetMode.Subtract => Vector256.ConditionalSelect(fires, u - threshold, u),
            ResetMode.Zero => Vector256.ConditionalSelect(fires, Vector256<double>.Zero, u),
            _ => u,
        };
        u.CopyTo(membrane);
        return fires.ExtractMostSignificantBits();
    }

    /// <summary>A non-spiking readout group: integrates only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Integrate(TrialPlan plan, int layer, int colStart, int cols, int samples, in ReadKey first,
        ReadOnlySpan<float> current, Span<double> membrane)
    {
        NeuronSettings neuron = plan.Model.Neuron;
        ReadOnlySpan<float> bias = Bias(plan, layer, colStart, cols);
        for (int s = 0; s < samples; s++)
        {
            ReadOnlySpan<float> z = Noise(plan, layer, colStart, cols, first with { Sample = first.Sample + s });
            Span<double> u = membrane.Slice(s * cols, cols);
            ReadOnlySpan<float> i = current.Slice(s * cols, cols);
            for (int c = 0; c < cols; c++) LifNeuron.Integrate(neuron, ref u[c], Input(i[c], bias, z, neuron.Sigma, c));
        }
    }

    private static double Input(float current, ReadOnlySpan<float> bias, ReadOnlySpan<float> z, double sigma, int c)
    {
        double input = current;
        if (!bias.IsEmpty) input += bias[c];
        if (!z.IsEmpty) input += sigma * z[c];
        return input;
    }

    private static ReadOnlySpan<float> Bias(TrialPlan plan, int layer, int colStart, int cols) =>
        plan.Model.Layers[layer].Bias is { } b ? b.AsSpan(colStart, cols) : default;

    /// <summary>This sample's membrane noise for the group's neurons; empty without membrane noise.</summary>
    private ReadOnlySpan<float> Noise(TrialPlan plan, int layer, int colStart, int cols, in ReadKey key)
    {
        if (!(plan.Model.Neuron.Sigma > 0)) return default;
        Span<float> z = _normals.AsSpan(0, cols);
        key.Stream(RandomScope.Neuron, layer, 0).FillNormal(z, colStart);
        return z;
    }
}
