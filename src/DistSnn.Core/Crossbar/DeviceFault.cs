namespace DistSnn.Core.Crossbar;

/// <summary>A device's fault, as the chip files' fault maps code it (INTERFACE.md): what a device is, not when.</summary>
public enum DeviceFault : byte
{
    Healthy = 0,
    StuckOff = 1,
    StuckOn = 2,
    /// <summary>In a dead tile, row or column (from the fault's onset step on).</summary>
    Dead = 3,
}
