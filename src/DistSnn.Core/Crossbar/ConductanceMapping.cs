namespace DistSnn.Core.Crossbar;

/// <summary>
/// Weight to differential conductance pair and back (DESIGN.md §3). A weight <c>w</c> becomes
/// <c>G+ = gmin + (gmax-gmin) max(w,0)/wmax</c> and <c>G- = gmin + (gmax-gmin) max(-w,0)/wmax</c>, optionally
/// snapped to <c>levels</c> equally spaced values; the column current in microsiemens times
/// <see cref="WeightPerSiemens"/> is back in weight units.
/// </summary>
public readonly struct ConductanceMapping
{
    public ConductanceMapping(MappingSettings settings, double wmax)
    {
        Gmin = settings.Gmin;
        Gmax = settings.Gmax;
        Levels = settings.Levels;
        // A tile or layer of zero weights still maps (to gmin everywhere); any positive scale will do.
        Wmax = wmax > 0 ? wmax : 1.0;
        WeightPerSiemens = Wmax / (Gmax - Gmin);
    }

    public double Gmin { get; }
    public double Gmax { get; }
    public int Levels { get; }

    /// <summary>The |w| that maps to gmax.</summary>
    public double Wmax { get; }

    /// <summary>Weight units per microsiemens: undoes the mapping digitally after the tile.</summary>
    public double WeightPerSiemens { get; }

    /// <summary>Target conductance of the positive (<paramref name="negative"/> false) or negative device for weight <paramref name="w"/>.</summary>
    public double Target(double w, bool negative)
    {
        double magnitude = negative ? Math.Max(-w, 0.0) : Math.Max(w, 0.0);
        double fraction = Math.Min(magnitude / Wmax, 1.0);
        if (Levels >= 2) fraction = Math.Round(fraction * (Levels - 1), MidpointRounding.ToEven) / (Levels - 1);
        return Gmin + (Gmax - Gmin) * fraction;
    }
}
