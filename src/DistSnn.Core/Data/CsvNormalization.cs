namespace DistSnn.Core.Data;

/// <summary>How the feature columns of a CSV file are brought into [0, 1], the encoders' input range.</summary>
public enum CsvNormalization
{
    /// <summary>Per feature, <c>(x - min) / (max - min)</c> over every row of the file; a constant feature becomes 0.</summary>
    MinMax,

    /// <summary>Taken as they are: every value must already lie in [0, 1].</summary>
    None,
}
