namespace DistSnn.Core.Trial;

/// <summary>
/// The readout step: the last layer's output becomes each sample's class scores (<c>[samples, classes]</c>): spike
/// counts summed over the rounds, or the final membrane potentials of a non-spiking output layer; the prediction
/// is the argmax, ties to the lowest class.
/// </summary>
public static class ReadoutStep
{
    /// <summary>Adds one round's packed spikes of output neurons <c>[colStart, colStart + cols)</c> to the counts.</summary>
    public static void CountSpikes(ReadOnlySpan<ulong> spikes, int samples, int colStart, int cols, int classes, Span<double> scores)
    {
        int words = PackedSpikes.WordsFor(cols);
        for (int s = 0; s < samples; s++)
        {
            ReadOnlySpan<ulong> bits = spikes.Slice(s * words, words);
            Span<double> score = scores.Slice(s * classes + colStart, cols);
            for (int c = 0; c < cols; c++)
                if (((bits[c >> 6] >> (c & 63)) & 1UL) != 0) score[c] += 1.0;
        }
    }

    /// <summary>Copies the final membranes of output neurons <c>[colStart, colStart + cols)</c> into the scores.</summary>
    public static void TakeMembranes(ReadOnlySpan<double> membrane, int samples, int colStart, int cols, int classes, Span<double> scores)
    {
        for (int s = 0; s < samples; s++) membrane.Slice(s * cols, cols).CopyTo(scores.Slice(s * classes + colStart, cols));
    }

    /// <summary>How many of the samples' argmax classes equal their labels.</summary>
    public static int Correct(ReadOnlySpan<double> scores, int samples, int classes, ReadOnlySpan<int> labels)
    {
        int correct = 0;
        for (int s = 0; s < samples; s++)
            if (Argmax(scores.Slice(s * classes, classes)) == labels[s]) correct++;
        return correct;
    }

    /// <summary>Index of the largest value; ties go to the lowest index.</summary>
    public static int Argmax(ReadOnlySpan<double> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
            if (values[i] > values[best]) best = i;
        return best;
    }
}
