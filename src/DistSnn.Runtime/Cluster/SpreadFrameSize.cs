using Akka.Configuration;
using DistSnn.Core;
using DistSnn.Core.Study;

namespace DistSnn.Runtime.Cluster;

/// <summary>
/// Spread placement sends a tile's partial sums for a whole batch in one message (and, with direct coding, its
/// analog inputs); a message above the cluster's frame size would be dropped by Akka and the trial would wait
/// forever. A study whose messages cannot fit is refused before it starts.
/// </summary>
public static class SpreadFrameSize
{
    /// <summary>The frame-size setting of Akka's TCP transport.</summary>
    public const string Setting = "akka.remote.dot-netty.tcp.maximum-frame-size";

    /// <param name="config">The cluster configuration the coordinator will run with.</param>
    /// <exception cref="InputException">A spread study whose largest message exceeds the frame size.</exception>
    public static void Check(StudySpec spec, Config config)
    {
        if (spec.Placement != TilePlacement.Spread) return;
        long frame = config.GetByteSize(Setting) ?? 0;
        var largest = spec.Points.Select(p => p.Settings.Crossbar.Tile).MaxBy(tile => LargestMessageBytes(spec.Batch, tile.Rows, tile.Cols))!;
        long message = LargestMessageBytes(spec.Batch, largest.Rows, largest.Cols);
        if (message > frame)
            throw new InputException(spec.Origin, "batch",
                $"with placement spread a tile's partial sums (or inputs) for a batch travel in one message ({spec.Batch} samples x " +
                $"{largest.Rows} x {largest.Cols} tiles: about {message} bytes), above the cluster's maximum-frame-size of {frame} bytes; " +
                $"lower batch, or raise {Setting} in --config");
    }

    /// <summary>
    /// An upper bound of the largest serialized message of a tile: partial sums and their read-noise variances (a
    /// MessagePack float is 5 bytes) or analog inputs, plus headers.
    /// </summary>
    public static long LargestMessageBytes(int samples, int rows, int cols) => Math.Max((long)samples * cols * 10, (long)samples * rows * 5) + 1024;
}
