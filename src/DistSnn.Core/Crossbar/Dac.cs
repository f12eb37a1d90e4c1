namespace DistSnn.Core.Crossbar;

/// <summary>Row driver for analog (direct-encoded) inputs in [0, 1]: <c>2^bits</c> levels, 0 bits = ideal.</summary>
public readonly struct Dac
{
    private readonly double _levels;

    public Dac(int bits)
    {
        if (bits is < 0 or > 24) throw new ArgumentOutOfRangeException(nameof(bits));
        _levels = bits == 0 ? 0 : (1 << bits) - 1;
    }

    public float Convert(float value)
    {
        double x = Math.Clamp((double)value, 0.0, 1.0);
        return _levels == 0 ? (float)x : (float)(Math.Round(x * _levels, MidpointRounding.ToEven) / _levels);
    }
}
