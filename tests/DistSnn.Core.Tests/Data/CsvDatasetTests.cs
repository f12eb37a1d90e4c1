using DistSnn.Core.Data;

namespace DistSnn.Core.Tests.Data;

public class CsvDatasetTests
{
    [Fact]
    public void Skips_a_header_and_scales_each_feature_over_the_file()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("d.csv", "a,b,label\n0,10,1\n5,30,0\n\n10,20,2\n");

        Dataset set = CsvDataset.Load(path);

        Assert.Equal(3, set.Count);
        Assert.Equal(2, set.Features);
        Assert.Equal(3, set.Classes);
        Assert.Equal(new[] { 1, 0, 2 }, set.Labels);
        Assert.Equal(new[] { 0f, 0f, 0.5f, 1f, 1f, 0.5f }, set.Values);
        Assert.Equal("d", set.Name);
    }

    [Fact]
    public void A_numeric_first_line_is_data()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("d.csv", "0.25,1\n0.5,0\n");

        Dataset set = CsvDataset.Load(path, CsvNormalization.None);

        Assert.Equal(2, set.Count);
        Assert.Equal(new[] { 0.25f, 0.5f }, set.Values);
    }

    [Fact]
    public void A_non_numeric_cell_names_the_file_and_line()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("d.csv", "x,y,label\n1,2,0\n3,abc,1\n");

        var e = Assert.Throws<InputException>(() => CsvDataset.Load(path));
        Assert.Equal(path, e.Origin);
        Assert.Equal("line 3", e.Field);
        Assert.Contains("'abc'", e.Message);
    }

    [Theory]
    [InlineData("0.5,NA,1\n0.2,0.3,0\n")]
    [InlineData("0.5,?,1\n0.2,0.3,0\n")]
    public void A_first_row_with_a_missing_value_is_not_taken_for_a_header(string text)
    {
        using var dir = new TempDirectory();
        string path = dir.Write("d.csv", text);
        var e = Assert.Throws<InputException>(() => CsvDataset.Load(path));
        Assert.Equal("line 1", e.Field);
        Assert.Contains("among numbers", e.Message);
    }

    [Theory]
    [InlineData("1,2,0\n1,2\n", "columns")]
    [InlineData("1,2,0\n1,2,1.5\n", "integer label")]
    [InlineData("1,2,0\n1,2,-1\n", "integer label")]
    [InlineData("1,2,0\n1,NaN,1\n", "finite number")]
    public void Bad_rows_name_the_line(string text, string expected)
    {
        using var dir = new TempDirectory();
        string path = dir.Write("d.csv", text);

        var e = Assert.Throws<InputException>(() => CsvDataset.Load(path));
        Assert.Equal("line 2", e.Field);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Normalisation_none_needs_values_in_the_unit_range()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("d.csv", "0.5,0\n1.5,1\n");

        var e = Assert.Throws<InputException>(() => CsvDataset.Load(path, CsvNormalization.None));
        Assert.Equal("line 2", e.Field);
        Assert.Contains("[0, 1]", e.Message);
    }

    [Fact]
    public void A_gzip_compressed_file_is_read_like_a_plain_one()
    {
        using var dir = new TempDirectory();
        byte[] text = System.Text.Encoding.UTF8.GetBytes("f,label\n2,0\n4,1\n");
        string path = dir.Write("d.csv.gz", IdxBytes.Gzip(text));

        Dataset set = CsvDataset.Load(path);

        Assert.Equal(new[] { 0f, 1f }, set.Values);
        Assert.Equal(new[] { 0, 1 }, set.Labels);
    }

    [Fact]
    public void A_file_with_only_a_header_is_bad_input()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("d.csv", "a,b,label\n");

        Assert.Throws<InputException>(() => CsvDataset.Load(path));
    }

    [Fact]
    public void The_built_in_digits_written_label_first_with_a_header_read_back_the_same()
    {
        // Kaggle's Fashion-MNIST CSV layout: a header, the label in the first column, named label.
        Dataset digits = BuiltinDatasets.Digits("test");
        var text = new System.Text.StringBuilder("label");
        for (int f = 0; f < digits.Features; f++) text.Append(",pixel").Append(f + 1);
        text.Append('\n');
        for (int i = 0; i < digits.Count; i++)
        {
            text.Append(digits.Labels[i]);
            for (int f = 0; f < digits.Features; f++)
                text.Append(',').Append(digits.Values[i * digits.Features + f].ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            text.Append('\n');
        }
        using var dir = new TempDirectory();
        string path = dir.Write("digits.csv", text.ToString());

        Dataset back = CsvDataset.Load(path, CsvNormalization.None);

        Assert.Equal(digits.Features, back.Features);
        Assert.Equal(digits.Labels, back.Labels);
        Assert.Equal(digits.Values, back.Values);
    }

    [Theory]
    [InlineData("this file holds two features and a label\n1,2,0\n3,4,1\n", "line 1", "1 column(s) but the first row (line 2) has 3")]
    [InlineData("a,b\n1,2,0\n", "line 1", "2 column(s)")]
    [InlineData(",a,label\n0,1,2\n", "line 1", "header column 1 has no name")]
    [InlineData("label,a,label\n0,1,2\n", "line 1", "at most one column named 'label'")]
    [InlineData("a,b,label\nx,y,z\n", "line 2", "column 1: expected a finite number, got 'x'")]
    [InlineData("label,a,b\n0.5,1,2\n", "line 2", "column 1 (the label): expected an integer label")]
    public void A_junk_header_or_row_is_refused_with_its_line(string text, string line, string expected)
    {
        using var dir = new TempDirectory();
        string path = dir.Write("d.csv", text);

        var e = Assert.Throws<InputException>(() => CsvDataset.Load(path));
        Assert.Equal(path, e.Origin);
        Assert.Equal(line, e.Field);
        Assert.Contains(expected, e.Message);
    }
}
