namespace DistSnn.Core.Data;

/// <summary>
/// Labelled samples with features normalised to [0, 1] (the encoders' input range), row-major
/// <c>[Count, Features]</c>. Sample indices are stable: they key the per-sample random draws.
/// </summary>
public sealed class Dataset
{
    public Dataset(string name, int features, float[] values, int[] labels, int classes, IReadOnlyList<int>? shape = null)
    {
        if (features < 1) throw new ArgumentException("a dataset needs at least one feature");
        if (values.Length != labels.Length * features)
            throw new ArgumentException($"{values.Length} values do not make {labels.Length} samples of {features} features");
        Name = name;
        Features = features;
        Values = values;
        Labels = labels;
        Classes = classes;
        Shape = shape ?? new[] { features };
    }

    public string Name { get; }

    /// <summary>Index of sample 0 in the source data set: sample <c>i</c> draws its random numbers as source sample
    /// <c>FirstIndex + i</c>, so an offset or a limit never changes what an image sees.</summary>
    public int FirstIndex { get; init; }

    public int Features { get; }
    public int Count => Labels.Length;
    public int Classes { get; }

    /// <summary>Row-major <c>[Count, Features]</c>, every value in [0, 1].</summary>
    public float[] Values { get; }
    public int[] Labels { get; }

    /// <summary>The shape of one sample (e.g. 28, 28 for an image); its product is <see cref="Features"/>.</summary>
    public IReadOnlyList<int> Shape { get; }

    public ReadOnlySpan<float> Sample(int index) => Values.AsSpan(index * Features, Features);

    /// <summary>Samples <c>[start, start + count)</c> as a new dataset.</summary>
    public Dataset Slice(int start, int count)
    {
        if (start < 0 || count < 0 || start + count > Count) throw new ArgumentOutOfRangeException(nameof(count));
        return new Dataset(Name, Features, Values.AsSpan(start * Features, count * Features).ToArray(),
            Labels.AsSpan(start, count).ToArray(), Classes, Shape)
        { FirstIndex = FirstIndex + start };
    }
}
