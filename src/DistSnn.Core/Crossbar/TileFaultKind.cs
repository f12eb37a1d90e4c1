namespace DistSnn.Core.Crossbar;

/// <summary>The tile-level faults: what a <see cref="TileFaultCount"/> counts, and where each kind's draws sit.</summary>
public enum TileFaultKind
{
    /// <summary>The whole tile outputs nothing.</summary>
    DeadTile,
    /// <summary>A row (input line) conducts nothing.</summary>
    DeadRow,
    /// <summary>A column (sense line) outputs 0.</summary>
    DeadColumn,
    /// <summary>A column's output is stuck at the full scale.</summary>
    StuckColumn,
}
