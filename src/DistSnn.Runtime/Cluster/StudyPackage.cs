using DistSnn.Core.Data;
using DistSnn.Core.Models;
using DistSnn.Core.Snn;
using DistSnn.Core.Study;
using MessagePack;
using MessagePack.Resolvers;

namespace DistSnn.Runtime.Cluster;

/// <summary>
/// Everything a worker needs to run the trials of a study exactly as the coordinator would: the spec as written
/// (text, origin and <c>--set</c> list, re-read on the worker), the model's safetensors bytes and the data subset
/// itself. Paths in the spec are never followed on the worker: the model and the data travel in the package.
/// Named by <see cref="Hash"/>, the SHA-256 of its serialized bytes.
/// </summary>
public sealed class StudyPackage
{
    // The options the protocol serializer uses: packages come from peers and caches, so they are untrusted data.
    private static readonly MessagePackSerializerOptions Options = MessagePackSerializerOptions.Standard
        .WithResolver(StandardResolver.Instance)
        .WithSecurity(MessagePackSecurity.UntrustedData);

    private readonly StudyPackageRecord _record;
    private readonly byte[] _bytes;

    private StudyPackage(StudyPackageRecord record, byte[] bytes)
    {
        _record = record;
        _bytes = bytes;
        Hash = PackageHash.Of(bytes);
    }

    /// <summary>The SHA-256 of <see cref="Serialize"/>'s bytes, 64 lowercase hex digits.</summary>
    public string Hash { get; }

    /// <summary>The wire protocol version of the node that made the package.</summary>
    public int ProtocolVersion => _record.ProtocolVersion;

    /// <summary>The spec's YAML as written.</summary>
    public string SpecText => _record.SpecText;

    /// <summary>The spec's file path or <c>builtin:demo</c>, as named in messages.</summary>
    public string SpecOrigin => _record.SpecOrigin;

    /// <summary>The <c>--set</c> overrides, in the order they apply.</summary>
    public IReadOnlyList<string> Sets => _record.Sets;

    /// <summary>The model as a safetensors file.</summary>
    public ReadOnlyMemory<byte> ModelBytes => _record.ModelBytes;

    public string DataName => _record.DataName;
    public int Features => _record.Features;
    public IReadOnlyList<int> Shape => _record.Shape;
    public int Classes => _record.Classes;

    /// <summary>The index of the subset's first sample in its source data set (it keys the per-sample draws).</summary>
    public int FirstIndex => _record.FirstIndex;

    /// <summary>Row-major <c>[samples, Features]</c>.</summary>
    public ReadOnlyMemory<float> Values => _record.Values;
    public ReadOnlyMemory<int> Labels => _record.Labels;

    /// <summary>A package of the current protocol version.</summary>
    /// <param name="specText">The spec's YAML as written (not its canonical text, which cannot be read back).</param>
    /// <param name="specOrigin">What the spec was read from: a path or <c>builtin:demo</c>.</param>
    /// <param name="sets">The <c>--set</c> overrides applied after the text.</param>
    /// <param name="model">The model the study runs, as loaded on the coordinator.</param>
    /// <param name="data">The samples the study runs on (already limited and offset).</param>
    public static StudyPackage Create(string specText, string specOrigin, IReadOnlyList<string> sets, SnnModel model, Dataset data)
    {
        var modelBytes = SafetensorsFile.Serialize(ModelFile.ToSafetensors(model));
        var record = new StudyPackageRecord(RuntimeInfo.ProtocolVersion, specText, specOrigin, [.. sets], modelBytes,
            data.Name, data.Features, [.. data.Shape], data.Classes, data.FirstIndex, [.. data.Values], [.. data.Labels]);
        if (FindProblem(record) is { } problem) throw new ArgumentException($"Cannot package this study: {problem}.");
        return new StudyPackage(record, MessagePackSerializer.Serialize(record, Options));
    }

    /// <summary>The package's bytes (a copy): what <see cref="Hash"/> is computed over and what is chunked and cached.</summary>
    public byte[] Serialize() => (byte[])_bytes.Clone();

    /// <summary>Reads a package written by <see cref="Serialize"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a well-formed, consistent package of this protocol version.</exception>
    public static StudyPackage Deserialize(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var copy = (byte[])bytes.Clone();
        var record = Parse(copy);
        if (record.ProtocolVersion != RuntimeInfo.ProtocolVersion)
            throw new InvalidDataException($"Study package of protocol version {record.ProtocolVersion}; this node speaks version {RuntimeInfo.ProtocolVersion}.");
        if (FindProblem(record) is { } problem) throw new InvalidDataException($"Inconsistent study package: {problem}.");
        return new StudyPackage(record, copy);
    }

    /// <summary>The spec, re-read from its text and <c>--set</c> list; it has the coordinator's canonical text and hash.
    /// Its <see cref="StudySpec.ModelPath"/> and data path mean nothing here: use <see cref="ToModel"/> and <see cref="ToDataset"/>.</summary>
    public StudySpec ToSpec() => StudySpecReader.ReadText(SpecText, SpecOrigin, null, Sets);

    /// <summary>The model, parsed from its safetensors bytes.</summary>
    public SnnModel ToModel() => ModelFile.FromSafetensors(SafetensorsFile.Parse(_record.ModelBytes, SpecOrigin), SpecOrigin);

    /// <summary>The data subset, in a fresh copy (the package stays unchanged).</summary>
    public Dataset ToDataset() =>
        new(DataName, Features, [.. _record.Values], [.. _record.Labels], Classes, [.. _record.Shape]) { FirstIndex = FirstIndex };

    private static StudyPackageRecord Parse(byte[] bytes)
    {
        var reader = new MessagePackReader(bytes);
        StudyPackageRecord? record;
        try
        {
            // Peek at the header and version first: a package of another version is named as such, not as garbage.
            var header = reader.CreatePeekReader();
            if (header.NextMessagePackType != MessagePackType.Array)
                throw new InvalidDataException("Malformed study package: it does not start with a record.");
            var members = header.ReadArrayHeader();
            if (members > 0 && header.NextMessagePackType == MessagePackType.Integer && header.ReadInt32() is var version
                && version != RuntimeInfo.ProtocolVersion)
            {
                throw new InvalidDataException($"Study package of protocol version {version}; this node speaks version {RuntimeInfo.ProtocolVersion}.");
            }

            if (members != StudyPackageRecord.MemberCount)
                throw new InvalidDataException($"Malformed study package: a record of {members} members, expected {StudyPackageRecord.MemberCount}.");
            record = MessagePackSerializer.Deserialize<StudyPackageRecord>(ref reader, Options);
        }
        catch (Exception e) when (e is not InvalidDataException)
        {
            // MessagePack reports malformed input with several exception types; all mean the same here.
            throw new InvalidDataException($"Malformed study package: {e.GetBaseException().Message}", e);
        }

        if (!reader.End) throw new InvalidDataException($"Malformed study package: {bytes.Length - reader.Consumed} bytes after the record.");
        return record ?? throw new InvalidDataException("Malformed study package: it holds no record.");
    }

    // MessagePack only checks types: make sure every array is there and the counts agree before anything indexes them.
    private static string? FindProblem(StudyPackageRecord r)
    {
        if (r.SpecText is null || r.SpecOrigin is null || r.DataName is null) return "a text member is missing";
        if (r.Sets is null || r.Sets.Any(s => s is null)) return "the --set list is missing or has a missing entry";
        if (r.ModelBytes is null || r.Shape is null || r.Values is null || r.Labels is null) return "an array member is missing";
        if (r.Features < 1) return $"Features is below 1 ({r.Features})";
        if (r.Shape.Length == 0 || r.Shape.Any(d => d < 1) || r.Shape.Aggregate(1L, (p, d) => p * d) != r.Features)
            return $"Shape [{string.Join(", ", r.Shape)}] does not make {r.Features} features";
        if (r.Classes < 1) return $"Classes is below 1 ({r.Classes})";
        if (r.FirstIndex < 0) return $"FirstIndex is negative ({r.FirstIndex})";
        if (r.Values.LongLength != (long)r.Labels.Length * r.Features)
            return $"{r.Values.Length} values do not make {r.Labels.Length} samples of {r.Features} features";
        foreach (var label in r.Labels)
        {
            if (label < 0 || label >= r.Classes) return $"label {label} is outside 0..{r.Classes - 1}";
        }

        return null;
    }
}
