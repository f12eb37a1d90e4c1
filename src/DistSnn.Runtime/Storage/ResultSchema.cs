namespace DistSnn.Runtime.Storage;

/// <summary>
/// The tables of <c>results.db</c>: one <c>study</c> row (the spec and its hash) and one <c>trials</c> row per
/// (point, trial). Raise <see cref="Format"/> whenever a table changes incompatibly or the same spec would give
/// other draws (a trial of an older file could not be completed to the same results); older files are then refused.
/// Format 2: the batch kernel (float accumulation per tile, vectorised Philox layout, polynomial normals).
/// Format 3: a trial's chip counters in one <c>counters</c> column (<see cref="CounterColumn"/>) instead of the ADC's two.
/// </summary>
internal static class ResultSchema
{
    public const string Format = "distsnn-results/3";

    // The single row's id is pinned to 1 so a second study can never be inserted into the same file.
    public const string CreateTables = """
        CREATE TABLE study (
            id           INTEGER PRIMARY KEY CHECK (id = 1),
            format       TEXT    NOT NULL,
            name         TEXT    NOT NULL,
            seed         INTEGER NOT NULL,
            spec_hash    TEXT    NOT NULL,
            spec_text    TEXT    NOT NULL,
            created_utc  TEXT    NOT NULL
        );
        CREATE TABLE trials (
            point           INTEGER NOT NULL,
            trial           INTEGER NOT NULL,
            coordinates     TEXT    NOT NULL,
            correct         INTEGER NOT NULL,
            total           INTEGER NOT NULL,
            accuracy        REAL    NOT NULL,
            counters        TEXT    NOT NULL,
            recorded_utc    TEXT    NOT NULL,
            PRIMARY KEY (point, trial)
        ) WITHOUT ROWID;
        """;
}
