using DistSnn.Core;
using DistSnn.Core.Engine;
using DistSnn.Core.Study;
using DistSnn.Runtime.Storage;
using Microsoft.Data.Sqlite;

namespace DistSnn.Runtime.Tests.Storage;

public class ResultStoreTests
{
    private readonly StudySpec spec = SyntheticResults.Demo();

    [Fact]
    public void Recorded_trials_come_back_sorted_after_reopening()
    {
        using var directory = new TempDirectory();
        List<TrialRecord> records = SyntheticResults.Trials(spec, 3);
        using (ResultStore store = ResultStore.Create(directory.Path, spec))
        {
            foreach (TrialRecord record in Enumerable.Reverse(records)) Assert.True(store.Record(record));
        }

        using ResultStore reopened = ResultStore.Open(directory.Path, spec);

        Assert.Equal(records, reopened.Records());
    }

    [Fact]
    public void The_study_row_holds_the_spec_its_hash_and_the_format()
    {
        using var directory = new TempDirectory();
        using ResultStore store = ResultStore.Create(directory.Path, spec);
        using SqliteConnection reader = Connect(store.Path);

        using SqliteCommand query = reader.CreateCommand();
        query.CommandText = "SELECT format, name, seed, spec_hash, spec_text, created_utc FROM study";
        using SqliteDataReader row = query.ExecuteReader();

        Assert.True(row.Read());
        Assert.Equal("distsnn-results/3", row.GetString(0));
        Assert.Equal("demo", row.GetString(1));
        Assert.Equal(1L, row.GetInt64(2));
        Assert.Equal(ResultFiles.SpecHash(spec), row.GetString(3));
        Assert.Equal(spec.CanonicalText, row.GetString(4));
        Assert.True(DateTime.TryParse(row.GetString(5), out _));
        Assert.False(row.Read());
    }

    [Fact]
    public void The_database_is_in_wal_mode()
    {
        using var directory = new TempDirectory();
        using ResultStore store = ResultStore.Create(directory.Path, spec);
        using SqliteConnection reader = Connect(store.Path);

        Assert.Equal("wal", Scalar(reader, "PRAGMA journal_mode"));
    }

    [Fact]
    public void Every_recorded_trial_is_committed_within_the_group_delay_while_the_store_is_open()
    {
        // What survives a killed process is what another connection can already read: committed rows.
        using var directory = new TempDirectory();
        List<TrialRecord> records = SyntheticResults.Trials(spec, 2);
        using ResultStore store = ResultStore.Create(directory.Path, spec);
        foreach (TrialRecord record in records) store.Record(record);

        using SqliteConnection reader = Connect(store.Path);

        Assert.Equal((long)records.Count, WaitForRows(reader, records.Count));
        TrialRecord last = records[^1];
        Assert.Equal((long)last.Result.Correct,
            Scalar(reader, $"SELECT correct FROM trials WHERE point = {last.Point} AND trial = {last.Trial}"));
    }

    [Fact]
    public void Results_that_come_fast_are_committed_in_groups_and_none_is_lost()
    {
        using var directory = new TempDirectory();
        List<TrialRecord> records = SyntheticResults.Trials(spec, 60);
        Assert.True(records.Count > 2 * ResultStore.GroupRows, "enough rows for several full groups");
        using ResultStore store = ResultStore.Create(directory.Path, spec);
        foreach (TrialRecord record in records) Assert.True(store.Record(record));
        using SqliteConnection reader = Connect(store.Path);
        // Full groups are committed at once; the rest within the group delay.
        Assert.InRange((long)Scalar(reader, "SELECT count(*) FROM trials")!, (long)ResultStore.GroupRows, records.Count);
        Assert.Equal((long)records.Count, WaitForRows(reader, records.Count));
        Assert.Equal(records.OrderBy(r => r.Point).ThenBy(r => r.Trial), store.Records());
        Assert.False(store.Record(records[7]));
    }

    /// <summary>Polls (the store commits within its group delay) until the table holds <paramref name="rows"/> rows or 5 s pass.</summary>
    private static long WaitForRows(SqliteConnection reader, long rows)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long count;
        while ((count = (long)Scalar(reader, "SELECT count(*) FROM trials")!) < rows && clock.Elapsed < TimeSpan.FromSeconds(5)) Thread.Sleep(5);
        return count;
    }

    [Fact]
    public void A_trial_row_holds_its_numbers_and_its_point_coordinates()
    {
        using var directory = new TempDirectory();
        using ResultStore store = ResultStore.Create(directory.Path, spec);
        store.Record(new TrialRecord(5, 2, new TrialResult(500, 597, Counted.Adc(3, 1000))));
        using SqliteConnection reader = Connect(store.Path);
        WaitForRows(reader, 1);

        using SqliteCommand query = reader.CreateCommand();
        query.CommandText = "SELECT coordinates, correct, total, accuracy, counters, recorded_utc FROM trials";
        using SqliteDataReader row = query.ExecuteReader();

        Assert.True(row.Read());
        Assert.Equal("{\"crossbar.device.read.sigma\":\"0.25\",\"crossbar.faults.stuck_off\":\"0.1\"}", row.GetString(0));
        Assert.Equal(500, row.GetInt32(1));
        Assert.Equal(597, row.GetInt32(2));
        Assert.Equal(500.0 / 597, row.GetDouble(3));
        // The layer count and every counter that is not 0 everywhere, by name, one value per layer: readable by any SQLite and JSON tool.
        Assert.Equal("{\"layers\":2,\"devices\":[1568,0],\"adc_conversions\":[1000,0],\"adc_clipped\":[3,0],\"spikes\":[0,77]}", row.GetString(4));
        Assert.True(DateTime.TryParse(row.GetString(5), out _));
    }

    [Fact]
    public void A_duplicate_trial_is_ignored()
    {
        using var directory = new TempDirectory();
        using ResultStore store = ResultStore.Create(directory.Path, spec);
        var record = new TrialRecord(3, 4, new TrialResult(550, 597));

        Assert.True(store.Record(record));
        Assert.False(store.Record(record with { Result = new TrialResult(550, 597) }));

        Assert.Equal([record], store.Records());
    }

    [Fact]
    public void A_duplicate_trial_with_other_numbers_is_a_determinism_bug()
    {
        using var directory = new TempDirectory();
        using ResultStore store = ResultStore.Create(directory.Path, spec);
        store.Record(new TrialRecord(3, 4, new TrialResult(550, 597)));

        var error = Assert.Throws<InvalidOperationException>(() => store.Record(new TrialRecord(3, 4, new TrialResult(551, 597))));

        Assert.Contains("determinism bug", error.Message);
        Assert.Contains("point 3 trial 4", error.Message);
        Assert.Equal(550, Assert.Single(store.Records()).Result.Correct);
    }

    [Fact]
    public void A_point_outside_the_grid_is_refused()
    {
        using var directory = new TempDirectory();
        using ResultStore store = ResultStore.Create(directory.Path, spec);

        Assert.Throws<ArgumentOutOfRangeException>(() => store.Record(new TrialRecord(spec.Points.Count, 0, new TrialResult(1, 1))));
    }

    [Fact]
    public void Opening_with_another_spec_names_both_hashes()
    {
        using var directory = new TempDirectory();
        ResultStore.Create(directory.Path, spec).Dispose();
        StudySpec other = StudySpecReader.ReadDemo(["seed=2"]);

        var error = Assert.Throws<InputException>(() => ResultStore.Open(directory.Path, other));

        Assert.Equal(Path.Combine(directory.Path, ResultStore.FileName), error.Origin);
        Assert.Equal("spec", error.Field);
        Assert.Contains(ResultFiles.SpecHash(spec), error.Expectation);
        Assert.Contains(ResultFiles.SpecHash(other), error.Expectation);
    }

    [Fact]
    public void Opening_a_directory_without_results_is_an_input_error()
    {
        using var directory = new TempDirectory();

        var error = Assert.Throws<InputException>(() => ResultStore.Open(directory.Path, spec));

        Assert.Contains("does not exist", error.Expectation);
    }

    [Fact]
    public void Opening_a_file_that_is_not_a_results_database_is_an_input_error()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File(ResultStore.FileName), "point,trial\n0,0\n");

        var error = Assert.Throws<InputException>(() => ResultStore.Open(directory.Path, spec));

        Assert.Contains("DistSnn results database", error.Expectation);
    }

    [Fact]
    public void Creating_over_existing_results_is_refused()
    {
        using var directory = new TempDirectory();
        using (ResultStore store = ResultStore.Create(directory.Path, spec)) store.Record(new TrialRecord(0, 0, new TrialResult(1, 1)));

        var error = Assert.Throws<InputException>(() => ResultStore.Create(directory.Path, spec));

        Assert.Contains("--resume", error.Expectation);
        using ResultStore kept = ResultStore.Open(directory.Path, spec);
        Assert.Single(kept.Records());
    }

    [Fact]
    public void Create_makes_the_directory_and_leaves_only_results_db_once_closed()
    {
        using var directory = new TempDirectory();
        string output = Path.Combine(directory.Path, "out", "demo");

        ResultStore.Create(output, spec).Dispose();

        Assert.Equal([ResultStore.FileName], Directory.GetFiles(output).Select(Path.GetFileName));
    }

    [Fact]
    public void Export_writes_the_files_resultfiles_formats_from_the_same_trials()
    {
        using var directory = new TempDirectory();
        List<TrialRecord> records = SyntheticResults.Trials(spec, 5);
        using ResultStore store = ResultStore.Create(directory.Path, spec);
        foreach (TrialRecord record in records.OrderBy(r => r.Trial).ThenByDescending(r => r.Point)) store.Record(record);

        IReadOnlyList<PointSummary> exported = store.Export(directory.Path, "builtin:digits-mlp", "digits test");

        IReadOnlyList<PointSummary> summaries = StudyRunner.Summarise(spec, records);
        Assert.Equal(ResultFiles.FormatTrials(spec, records), File.ReadAllText(directory.File(ResultFiles.TrialsCsv)));
        Assert.Equal(ResultFiles.FormatSummary(spec, summaries), File.ReadAllText(directory.File(ResultFiles.SummaryCsv)));
        Assert.Equal(ResultFiles.FormatSummaryJson(spec, summaries, "builtin:digits-mlp", "digits test"),
            File.ReadAllText(directory.File(ResultFiles.SummaryJson)));
        Assert.Equal(ResultFiles.FormatSummary(spec, summaries), ResultFiles.FormatSummary(spec, exported));
        Assert.Empty(Directory.GetFiles(directory.Path, "*.tmp"));
    }

    [Fact]
    public void Export_replaces_older_files()
    {
        using var directory = new TempDirectory();
        using ResultStore store = ResultStore.Create(directory.Path, spec);
        store.Export(directory.Path, "m", "d");
        store.Record(new TrialRecord(0, 0, new TrialResult(590, 597)));

        store.Export(directory.Path, "m", "d");

        Assert.Equal(2, File.ReadAllLines(directory.File(ResultFiles.TrialsCsv)).Length);
    }

    private static SqliteConnection Connect(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
