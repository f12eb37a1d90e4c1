using DistSnn.Runtime.Storage;
using ScottPlot;

namespace DistSnn.Runtime.Reports;

/// <summary>
/// Writes a plot twice: <c>NAME.png</c> for the report and a quick look, <c>NAME.svg</c> (vector, editable) for a
/// paper. Each file is written atomically, so a reader never sees half a plot.
/// </summary>
internal static class PlotFiles
{
    public const int Width = 800;
    public const int Height = 540;

    /// <summary>Saves both files and adds the PNG's name to <paramref name="written"/>.</summary>
    public static void Save(string directory, string pngName, Plot plot, List<string> written)
    {
        AtomicFile.Write(Path.Combine(directory, pngName), plot.GetImageBytes(Width, Height, ImageFormat.Png));
        AtomicFile.Write(Path.Combine(directory, SvgName(pngName)), plot.GetSvgXml(Width, Height));
        written.Add(pngName);
    }

    /// <summary>The SVG beside a PNG: the same name, <c>.svg</c>.</summary>
    public static string SvgName(string pngName) => Path.ChangeExtension(pngName, ".svg");

    /// <summary><c>PREFIX-&lt;key&gt;.png</c>, with any character that does not belong in a file name replaced by '_'.</summary>
    public static string KeyFileName(string prefix, string key)
    {
        var name = new System.Text.StringBuilder(prefix).Append('-');
        foreach (char c in key) name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        return name.Append(".png").ToString();
    }
}
