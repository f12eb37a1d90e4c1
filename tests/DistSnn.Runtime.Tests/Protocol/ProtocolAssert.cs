using MessagePack;

namespace DistSnn.Runtime.Tests.Protocol;

/// <summary>Content equality of messages: records compare their arrays by reference, so compare encodings instead.</summary>
internal static class ProtocolAssert
{
    public static void SameContent(object expected, object? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.NotSame(expected, actual);
        Assert.Equal(Encode(expected), Encode(actual));
    }

    // Plain MessagePack encoding of every member, floating-point values bit for bit.
    private static byte[] Encode(object message) =>
        MessagePackSerializer.Serialize(message.GetType(), message, MessagePackSerializerOptions.Standard);
}
