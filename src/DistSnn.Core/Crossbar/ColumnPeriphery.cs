using DistSnn.Core.Random;

namespace DistSnn.Core.Crossbar;

/// <summary>
/// One tile's column periphery errors (<see cref="PeripherySettings"/>): before the ADC, column c's current becomes
/// <c>I_c + o_c + sigma_o z_c</c>, with <c>o_c ~ N(0, (offset FS)^2)</c> fixed per chip (ColumnOffsets stream, element
/// c) and <c>z_c</c> drawn at every read (ColumnOutput stream of the read, element c); FS is the tile's full scale,
/// sigma_o = output_noise FS. A tile that leaves its read noise to its column group adds the offsets and gives the
/// noise as variance instead (<c>V_c += sigma_o^2</c>): a sum of independent Gaussians is one Gaussian of the summed
/// variance. The oracle and the fast tile step both call this, so they add the same floats in the same order.
/// </summary>
public sealed class ColumnPeriphery
{
    private readonly float[] _offsets;

    private ColumnPeriphery(float outputSigma, float[] offsets, int layer, int index)
    {
        OutputSigma = outputSigma;
        _offsets = offsets;
        Layer = layer;
        Index = index;
    }

    public float OutputSigma { get; }
    public int Layer { get; }
    public int Index { get; }

    /// <summary>The per-column offsets, weight units (empty without offsets).</summary>
    public ReadOnlySpan<float> Offsets => _offsets;

    /// <summary>The periphery of tile <paramref name="index"/> of <paramref name="layer"/>, or null when it is ideal.</summary>
    public static ColumnPeriphery? For(PeripherySettings settings, double fullScale, uint seed, int trial, int layer, int index, int cols)
    {
        if (!settings.IsOn) return null;
        float[] offsets = [];
        if (settings.Offset > 0)
        {
            offsets = new float[cols];
            DrawKey.Chip(seed, trial, RandomScope.ColumnOffsets, layer, index).Stream().FillNormal(offsets);
            float sigma = (float)(settings.Offset * fullScale);
            for (int c = 0; c < cols; c++) offsets[c] *= sigma;
        }
        return new ColumnPeriphery((float)(settings.OutputNoise * fullScale), offsets, layer, index);
    }

    /// <summary>Adds the offsets and this read's output noise to <paramref name="current"/> (one sample's columns);
    /// <paramref name="z"/> is scratch of at least as many floats.</summary>
    public void Apply(Span<float> current, in ReadKey key, Span<float> z)
    {
        AddOffsets(current);
        if (!(OutputSigma > 0)) return;
        z = z[..current.Length];
        key.Stream(RandomScope.ColumnOutput, Layer, Index).FillNormal(z);
        for (int c = 0; c < current.Length; c++) current[c] += OutputSigma * z[c];
    }

    /// <summary>For a tile whose column group draws the noise: the offsets into the currents, the output noise's
    /// variance into <paramref name="variance"/>.</summary>
    public void ApplyDeferred(Span<float> current, Span<float> variance)
    {
        AddOffsets(current);
        float v = OutputSigma * OutputSigma;
        if (v > 0)
            for (int c = 0; c < variance.Length; c++) variance[c] += v;
    }

    private void AddOffsets(Span<float> current)
    {
        if (_offsets.Length == 0) return;
        for (int c = 0; c < current.Length; c++) current[c] += _offsets[c];
    }
}
