namespace DistSnn.Core.Random;

/// <summary>
/// The draws of one (study seed, trial, scope, layer, tile, sample, step): an indexable sequence of uniforms
/// and normals, element <c>e</c> taken from Philox block <c>e / 4</c>, lane <c>e % 4</c>.
/// Key = (seed, trial); counter = (block, sample, step, scope:4 | layer:8 | tile:20).
/// </summary>
public readonly struct RandomStream
{
    private const double TwoPi = 2.0 * Math.PI;
    private const double Inv2Pow32 = 1.0 / 4294967296.0;

    private readonly uint _seed, _trial, _sample, _step, _tag;

    public RandomStream(uint seed, int trial, RandomScope scope, int layer, int tile, int sample, int step)
    {
        if ((uint)layer > 0xFF) throw new ArgumentOutOfRangeException(nameof(layer), "at most 256 layers");
        if ((uint)tile > 0xFFFFF) throw new ArgumentOutOfRangeException(nameof(tile), "at most 2^20 tiles per layer");
        if (trial < 0 || sample < 0 || step < 0) throw new ArgumentOutOfRangeException(nameof(trial));
        _seed = seed;
        _trial = (uint)trial;
        _sample = (uint)sample;
        _step = (uint)step;
        _tag = ((uint)scope << 28) | ((uint)layer << 20) | (uint)tile;
    }

    /// <summary>Uniform in the open interval (0, 1): never 0, so it can go into a logarithm.</summary>
    public static double ToUniform(uint bits) => (bits + 0.5) * Inv2Pow32;

    private (uint, uint, uint, uint) Block(long block) =>
        Philox4x32.Block((uint)block, _sample, _step, _tag, _seed, _trial);

    public double Uniform(long element)
    {
        var (a, b, c, d) = Block(element >> 2);
        uint bits = (element & 3) switch { 0 => a, 1 => b, 2 => c, _ => d };
        return ToUniform(bits);
    }

    public double Normal(long element)
    {
        var (a, b, c, d) = Block(element >> 2);
        int lane = (int)(element & 3);
        return lane < 2 ? BoxMuller(a, b, lane) : BoxMuller(c, d, lane - 2);
    }

    /// <summary>Uniforms for elements <c>first .. first + dest.Length - 1</c>.</summary>
    public void FillUniform(Span<double> dest, long first = 0)
    {
        int i = 0;
        while (i < dest.Length)
        {
            long element = first + i;
            var (a, b, c, d) = Block(element >> 2);
            for (int lane = (int)(element & 3); lane < 4 && i < dest.Length; lane++, i++)
                dest[i] = ToUniform(lane switch { 0 => a, 1 => b, 2 => c, _ => d });
        }
    }

    /// <summary>Standard normals for elements <c>first .. first + dest.Length - 1</c> (Box-Muller on lane pairs).</summary>
    public void FillNormal(Span<double> dest, long first = 0)
    {
        int i = 0;
        while (i < dest.Length)
        {
            long element = first + i;
            var (a, b, c, d) = Block(element >> 2);
            int lane = (int)(element & 3);
            if (lane == 0 && i + 4 <= dest.Length)
            {
                // Whole block: both Box-Muller pairs, each giving a cosine and a sine normal.
                BoxMullerPair(a, b, out dest[i], out dest[i + 1]);
                BoxMullerPair(c, d, out dest[i + 2], out dest[i + 3]);
                i += 4;
                continue;
            }
            for (; lane < 4 && i < dest.Length; lane++, i++)
                dest[i] = lane < 2 ? BoxMuller(a, b, lane) : BoxMuller(c, d, lane - 2);
        }
    }

    private static double BoxMuller(uint u, uint v, int which)
    {
        BoxMullerPair(u, v, out double z0, out double z1);
        return which == 0 ? z0 : z1;
    }

    private static void BoxMullerPair(uint u, uint v, out double z0, out double z1)
    {
        double radius = Math.Sqrt(-2.0 * Math.Log(ToUniform(u)));
        double angle = TwoPi * ToUniform(v);
        z0 = radius * Math.Cos(angle);
        z1 = radius * Math.Sin(angle);
    }
}
