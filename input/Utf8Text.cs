using System.Text;
using System.Text.Unicode;

namespace Kubedos.Input;

/// <summary>Decodes a text file strictly: UTF-8 with an optional byte order mark, no NUL, faults located at their line and column.</summary>
public static class Utf8Text
{
    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    /// <summary>The text of <paramref name="bytes"/>, a leading byte order mark skipped.</summary>
    /// <exception cref="InputFileException"><c>file-not-text</c>, at the line and column of the first invalid byte or NUL.</exception>
    public static string Decode(string file, ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(ByteOrderMark))
        {
            bytes = bytes[ByteOrderMark.Length..];
        }

        var nul = bytes.IndexOf((byte)0);
        if (nul < 0 && Utf8.IsValid(bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                throw Fault(file, bytes, offset, $"byte 0x{bytes[offset]:X2} is not valid UTF-8");
            }

            if (rune.Value == 0)
            {
                throw Fault(file, bytes, offset, "a NUL byte (binary content)");
            }

            offset += consumed;
        }

        throw new InvalidOperationException("unreachable: the bytes were found invalid and then valid");
    }

    private static InputFileException Fault(string file, ReadOnlySpan<byte> bytes, int offset, string what)
    {
        var before = bytes[..offset];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var column = Encoding.UTF8.GetCharCount(before[lineStart..]) + 1;
        return new InputFileException(file, line, column, "file-not-text", $"'{file}' is not UTF-8 text: {what} at line {line}, column {column}");
    }
}
