using DistSnn.Core.Data;

namespace DistSnn.Core.Tests.Data;

public class BuiltinDatasetsTests
{
    [Fact]
    public void Digits_splits_are_the_first_1200_rows_and_the_other_597()
    {
        Dataset train = BuiltinDatasets.Digits("train");
        Dataset test = BuiltinDatasets.Digits("test");

        Assert.Equal(1200, train.Count);
        Assert.Equal(597, test.Count);
        foreach (Dataset set in new[] { train, test })
        {
            Assert.Equal(64, set.Features);
            Assert.Equal(new[] { 8, 8 }, set.Shape);
            Assert.Equal(10, set.Classes);
            Assert.All(set.Values, v => Assert.InRange(v, 0f, 1f));
            Assert.Equal(Enumerable.Range(0, 10), set.Labels.Distinct().Order());
        }
        // The first row of the file: 0,0,5,13,9,1,0,0,... label 0.
        Assert.Equal(0, train.Labels[0]);
        Assert.Equal(5f / 16f, train.Sample(0)[2]);
        Assert.Equal(13f / 16f, train.Sample(0)[3]);
        Assert.Contains(1f, train.Values); // 16/16: the scale reaches the top of the range
    }

    [Fact]
    public void Breast_cancer_is_scaled_over_all_569_rows()
    {
        Dataset train = BuiltinDatasets.BreastCancer("train");
        Dataset test = BuiltinDatasets.BreastCancer("test");

        Assert.Equal(455, train.Count);
        Assert.Equal(114, test.Count);
        Assert.Equal(30, train.Features);
        Assert.Equal(2, train.Classes);
        Assert.Equal(new[] { 0, 1 }, train.Labels.Concat(test.Labels).Distinct().Order());
        Assert.All(train.Values.Concat(test.Values), v => Assert.InRange(v, 0f, 1f));
        // One scaling for both splits: every feature's min 0 and max 1 are reached over the union, not within each split.
        for (int f = 0; f < 30; f++)
        {
            var column = Enumerable.Range(0, 455).Select(r => train.Sample(r)[f])
                .Concat(Enumerable.Range(0, 114).Select(r => test.Sample(r)[f])).ToArray();
            Assert.Equal(0f, column.Min());
            Assert.Equal(1f, column.Max());
        }
        Assert.Equal(0, train.Labels[0]); // the first sample is malignant
    }

    [Fact]
    public void An_unknown_split_is_bad_input()
    {
        var e = Assert.Throws<InputException>(() => BuiltinDatasets.Digits("validation"));
        Assert.Contains("split", e.Message);
    }

    [Fact]
    public void Attribution_names_creators_source_and_licence()
    {
        Assert.Contains("Alpaydin", BuiltinDatasets.Attribution);
        Assert.Contains("Wolberg", BuiltinDatasets.Attribution);
        Assert.Contains("UCI Machine Learning Repository", BuiltinDatasets.Attribution);
        Assert.Contains("CC BY 4.0", BuiltinDatasets.Attribution);
    }
}
