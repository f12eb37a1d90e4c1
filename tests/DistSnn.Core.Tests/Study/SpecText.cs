using DistSnn.Core.Study;

namespace DistSnn.Core.Tests.Study;

/// <summary>Reads spec text the way the tests need it: a fixed origin and base directory.</summary>
internal static class SpecText
{
    public const string Origin = "spec.yaml";
    public const string BaseDirectory = "/studies";

    public static StudySpec Read(string yaml, params string[] sets) =>
        StudySpecReader.ReadText(yaml, Origin, BaseDirectory, sets);

    /// <summary>The error reading the spec must raise; asserts it is an <see cref="InputException"/>.</summary>
    public static InputException Fails(string yaml, params string[] sets) =>
        Assert.Throws<InputException>(() => Read(yaml, sets));
}
