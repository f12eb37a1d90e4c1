using System.Globalization;
using System.Text;
using System.Text.Json;
using DistSnn.Core;
using DistSnn.Core.Engine;
using DistSnn.Core.Study;
using Microsoft.Data.Sqlite;

namespace DistSnn.Runtime.Storage;

/// <summary>
/// A study's <c>results.db</c> (SQLite, WAL): the spec and its hash, and one row per (point, trial). A recorded
/// trial is committed within <see cref="GroupDelay"/>: results that come faster than one commit each (a commit
/// costs ~60 us, a row in an open transaction ~5 us) are grouped into one transaction, which commits when it holds
/// <see cref="GroupRows"/> rows, <see cref="GroupDelay"/> after its first row, and before any read, export or
/// dispose. So a killed process loses at most the trials of the last few milliseconds besides those that were
/// running, and <c>--resume</c> reruns them. The CSV and JSON files are exported from the database.
/// </summary>
/// <remarks>Safe to call from any thread (calls are serialised); the commit timer runs on the thread pool.</remarks>
public sealed class ResultStore : IDisposable
{
    public const string FileName = "results.db";

    /// <summary>Rows at which an open transaction commits at once.</summary>
    public const int GroupRows = 256;

    /// <summary>The longest a recorded trial waits for its commit.</summary>
    public static readonly TimeSpan GroupDelay = TimeSpan.FromMilliseconds(10);

    private readonly object gate = new();
    private readonly Timer flush;
    private bool open;
    private int pending;
    private Exception? failure;

    private readonly SqliteConnection connection;
    private readonly StudySpec spec;
    private readonly SqliteCommand insert;
    private readonly SqliteCommand select;
    private readonly string[] coordinates;

    private ResultStore(string path, StudySpec spec, SqliteConnection connection)
    {
        Path = path;
        this.spec = spec;
        this.connection = connection;
        coordinates = spec.Points.Select(point => CoordinatesJson(spec, point)).ToArray();
        insert = Command(connection, """
            INSERT INTO trials (point, trial, coordinates, correct, total, accuracy, counters, recorded_utc)
            VALUES ($point, $trial, $coordinates, $correct, $total, $accuracy, $counters, $recorded_utc)
            ON CONFLICT (point, trial) DO NOTHING
            """,
            "$point", "$trial", "$coordinates", "$correct", "$total", "$accuracy", "$counters", "$recorded_utc");
        select = Command(connection, "SELECT correct, total, counters FROM trials WHERE point = $point AND trial = $trial",
            "$point", "$trial");
        flush = new Timer(_ => CommitFromTimer());
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Starts a new study's database in <paramref name="directory"/> (created if missing).</summary>
    /// <exception cref="InputException">The directory already holds a <c>results.db</c>.</exception>
    public static ResultStore Create(string directory, StudySpec spec)
    {
        Directory.CreateDirectory(directory);
        string path = System.IO.Path.Combine(directory, FileName);
        if (File.Exists(path)) throw AlreadyExists(path);

        // Built under another name and renamed into place, so results.db never exists without its study row.
        string building = path + ".new";
        DeleteDatabase(building);
        using (SqliteConnection setup = Connect(building, SqliteOpenMode.ReadWriteCreate))
        {
            using SqliteTransaction transaction = setup.BeginTransaction();
            Execute(setup, ResultSchema.CreateTables);
            using SqliteCommand study = Command(setup, """
                INSERT INTO study (id, format, name, seed, spec_hash, spec_text, created_utc)
                VALUES (1, $format, $name, $seed, $spec_hash, $spec_text, $created_utc)
                """);
            study.Parameters.AddWithValue("$format", ResultSchema.Format);
            study.Parameters.AddWithValue("$name", spec.Name);
            study.Parameters.AddWithValue("$seed", (long)spec.Seed);
            study.Parameters.AddWithValue("$spec_hash", ResultFiles.SpecHash(spec));
            study.Parameters.AddWithValue("$spec_text", spec.CanonicalText);
            study.Parameters.AddWithValue("$created_utc", Now());
            study.ExecuteNonQuery();
            transaction.Commit();
        }
        try
        {
            File.Move(building, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            DeleteDatabase(building);
            throw AlreadyExists(path);
        }
        return new ResultStore(path, spec, Connect(path, SqliteOpenMode.ReadWrite));
    }

    /// <summary>Opens an existing study's database to resume it with <paramref name="spec"/>.</summary>
    /// <exception cref="InputException">There is no <c>results.db</c>, it is not one DistSnn wrote, or it holds
    /// the results of a spec with another hash.</exception>
    public static ResultStore Open(string directory, StudySpec spec)
    {
        string path = System.IO.Path.Combine(directory, FileName);
        if (!File.Exists(path)) throw new InputException(path, "", "there are no results to resume: the file does not exist");
        SqliteConnection? connection = null;
        try
        {
            connection = Connect(path, SqliteOpenMode.ReadWrite);
            CheckStudy(connection, path, spec);
            return new ResultStore(path, spec, connection);
        }
        catch (SqliteException e)
        {
            connection?.Dispose();
            throw new InputException(path, "", $"expected a DistSnn results database ({e.Message})");
        }
        catch
        {
            connection?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Stores a trial's result (committed within <see cref="GroupDelay"/>). A trial already stored is left as it is
    /// and false is returned: trials are deterministic, so a rerun (a retried or duplicated work item) must agree.
    /// </summary>
    /// <exception cref="InvalidOperationException">The trial is stored with other numbers: a determinism bug.</exception>
    public bool Record(TrialRecord record)
    {
        lock (gate)
        {
            if (failure is not null) throw new IOException($"{Path}: a commit failed", failure);
            if (!open)
            {
                Execute(connection, "BEGIN IMMEDIATE");
                open = true;
                flush.Change(GroupDelay, Timeout.InfiniteTimeSpan);
            }
            bool added = Insert(record);
            if (added && ++pending >= GroupRows) Commit();
            return added;
        }
    }

    private bool Insert(TrialRecord record)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(record.Point);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(record.Point, spec.Points.Count);
        TrialResult result = record.Result;
        SetKey(insert, record);
        insert.Parameters["$coordinates"].Value = coordinates[record.Point];
        insert.Parameters["$correct"].Value = result.Correct;
        insert.Parameters["$total"].Value = result.Total;
        insert.Parameters["$accuracy"].Value = result.Accuracy;
        insert.Parameters["$counters"].Value = CounterColumn.Write(result.Counters);
        insert.Parameters["$recorded_utc"].Value = Now();
        if (insert.ExecuteNonQuery() == 1) return true;

        SetKey(select, record);
        using SqliteDataReader row = select.ExecuteReader();
        row.Read();
        var stored = new TrialResult(row.GetInt32(0), row.GetInt32(1), CounterColumn.Read(row.GetString(2)));
        if (stored != result)
        {
            throw new InvalidOperationException(
                $"determinism bug: point {record.Point} trial {record.Trial} is stored as {stored} but was reported again as {result}");
        }
        return false;
    }

    /// <summary>Commits the open transaction, if any (the caller holds the gate).</summary>
    private void Commit()
    {
        if (!open) return;
        Execute(connection, "COMMIT");
        open = false;
        pending = 0;
    }

    private void CommitFromTimer()
    {
        lock (gate)
        {
            try
            {
                Commit();
            }
            catch (Exception e) when (e is SqliteException or InvalidOperationException or ObjectDisposedException)
            {
                // Surfaces at the next Record instead of ending the process from a timer thread.
                failure ??= e;
            }
        }
    }

    /// <summary>Every stored trial, sorted by point then trial.</summary>
    public IReadOnlyList<TrialRecord> Records()
    {
        lock (gate)
        {
            Commit();
            using SqliteCommand query = Command(connection,
                "SELECT point, trial, correct, total, counters FROM trials ORDER BY point, trial");
            using SqliteDataReader row = query.ExecuteReader();
            var records = new List<TrialRecord>();
            while (row.Read())
            {
                records.Add(new TrialRecord(row.GetInt32(0), row.GetInt32(1),
                    new TrialResult(row.GetInt32(2), row.GetInt32(3), CounterColumn.Read(row.GetString(4)))));
            }
            return records;
        }
    }

    /// <summary>
    /// Writes <c>trials.csv</c>, <c>summary.csv</c> and <c>summary.json</c> into <paramref name="directory"/> from
    /// the stored trials (each file complete or not replaced at all) and returns the point summaries.
    /// </summary>
    /// <param name="modelSettings">The model's run-time settings as the study runs them, for summary.json; null leaves them out.</param>
    public IReadOnlyList<PointSummary> Export(string directory, string modelDescription, string dataDescription,
        IReadOnlyList<ModelSetting>? modelSettings = null, double? idealAccuracy = null)
    {
        IReadOnlyList<TrialRecord> records = Records();
        IReadOnlyList<PointSummary> summaries = StudyRunner.Summarise(spec, records);
        Directory.CreateDirectory(directory);
        AtomicFile.Write(System.IO.Path.Combine(directory, ResultFiles.TrialsCsv), ResultFiles.FormatTrials(spec, records));
        AtomicFile.Write(System.IO.Path.Combine(directory, ResultFiles.ChipsCsv), ResultFiles.FormatChips(spec, records));
        AtomicFile.Write(System.IO.Path.Combine(directory, ResultFiles.SummaryCsv), ResultFiles.FormatSummary(spec, summaries));
        AtomicFile.Write(System.IO.Path.Combine(directory, ResultFiles.SummaryJson),
            ResultFiles.FormatSummaryJson(spec, summaries, modelDescription, dataDescription, modelSettings, idealAccuracy));
        return summaries;
    }

    public void Dispose()
    {
        lock (gate)
        {
            flush.Dispose();
            Commit();
        }
        insert.Dispose();
        select.Dispose();
        // The last connection to close checkpoints the WAL into results.db and removes the -wal and -shm files.
        connection.Dispose();
    }

    private static SqliteConnection Connect(string path, SqliteOpenMode mode)
    {
        // Not pooled: the store holds its one connection for the study's life, and closing it must release the file.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
        }.ToString());
        connection.Open();
        // WAL with synchronous=NORMAL: a committed trial survives the process being killed (it is in the WAL,
        // written through the OS); only a power cut may lose the last few, and --resume reruns those.
        Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params string[] parameters)
    {
        SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (string name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = Command(connection, sql);
        command.ExecuteNonQuery();
    }

    private static void SetKey(SqliteCommand command, TrialRecord record)
    {
        command.Parameters["$point"].Value = record.Point;
        command.Parameters["$trial"].Value = record.Trial;
    }

    /// <summary>Refuses a file of another format or one holding another spec's results.</summary>
    private static void CheckStudy(SqliteConnection connection, string path, StudySpec spec)
    {
        using SqliteCommand study = Command(connection, "SELECT format, spec_hash FROM study WHERE id = 1");
        using SqliteDataReader row = study.ExecuteReader();
        if (!row.Read()) throw new InputException(path, "study", "expected the study's row, found none");
        string format = row.GetString(0), storedHash = row.GetString(1), hash = ResultFiles.SpecHash(spec);
        if (format != ResultSchema.Format)
        {
            throw new InputException(path, "format",
                $"expected {ResultSchema.Format}, found {format}: these results were written by an older DistSnn whose random draws or stored columns differ, " +
                "so the study cannot be resumed to the same results; run it again with --overwrite or choose another --out");
        }
        if (storedHash != hash)
        {
            throw new InputException(path, "spec",
                $"the results were made by a spec with hash {storedHash}, this spec's hash is {hash}; " +
                "resume with the same spec and --set options, or choose another --out");
        }
    }

    /// <summary>The point's coordinates as a JSON object, key to value as written in the spec, in axis order.</summary>
    private static string CoordinatesJson(StudySpec spec, StudyPoint point)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            for (int i = 0; i < spec.Sweep.Count; i++) json.WriteString(spec.Sweep[i].Key, point.Coordinates[i]);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Now() => DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    private static InputException AlreadyExists(string path) =>
        new(path, "", "this directory already holds a study's results; --resume continues them, --overwrite replaces them");

    private static void DeleteDatabase(string path)
    {
        foreach (string suffix in new[] { "", "-wal", "-shm", "-journal" }) File.Delete(path + suffix);
    }
}
