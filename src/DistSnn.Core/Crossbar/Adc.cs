namespace DistSnn.Core.Crossbar;

/// <summary>
/// Signed uniform ADC with <c>2^bits - 1</c> levels on <c>[-range, range]</c>, zero included: step
/// <c>2 range / (2^bits - 2)</c>, round half to even, clip beyond the end levels.
/// </summary>
public readonly struct Adc
{
    public Adc(int bits, double range)
    {
        if (bits is < 2 or > 24) throw new ArgumentOutOfRangeException(nameof(bits), "ADC bits must be 2..24 (0 = ideal is handled by the caller)");
        if (!(range > 0)) throw new ArgumentOutOfRangeException(nameof(range), "ADC range must be positive");
        Range = range;
        Step = 2.0 * range / ((1 << bits) - 2);
        MaxCode = (1 << (bits - 1)) - 1;
    }

    /// <summary>The full scale, in weight units.</summary>
    public double Range { get; }

    public double Step { get; }
    public int MaxCode { get; }

    /// <summary>The converted value; <paramref name="clipped"/> tells whether the input was beyond the end levels.</summary>
    public double Convert(double value, out bool clipped)
    {
        double code = Math.Round(value / Step, MidpointRounding.ToEven);
        clipped = code > MaxCode || code < -MaxCode;
        code = Math.Clamp(code, -MaxCode, MaxCode);
        return code * Step;
    }
}
