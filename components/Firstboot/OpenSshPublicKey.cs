using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Kubedos.Components.Firstboot;

/// <summary>Turns an ECDSA P-256 public key PEM (the tls provider's <c>publicKeyPem</c>) into an OpenSSH <c>authorized_keys</c> line.</summary>
internal static class OpenSshPublicKey
{
    public static string FromPem(string publicKeyPem, string comment)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(publicKeyPem);
        var parameters = key.ExportParameters(includePrivateParameters: false);
        if (parameters.Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            throw new ArgumentException("only ECDSA P-256 keys are turned into OpenSSH keys here", nameof(publicKeyPem));
        }

        var point = new byte[65];
        point[0] = 0x04;
        parameters.Q.X!.CopyTo(point, 1);
        parameters.Q.Y!.CopyTo(point, 33);
        using var blob = new MemoryStream();
        WriteString(blob, Encoding.ASCII.GetBytes("ecdsa-sha2-nistp256"));
        WriteString(blob, Encoding.ASCII.GetBytes("nistp256"));
        WriteString(blob, point);
        return $"ecdsa-sha2-nistp256 {Convert.ToBase64String(blob.ToArray())} {comment}";
    }

    private static void WriteString(Stream stream, byte[] value)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)value.Length);
        stream.Write(length);
        stream.Write(value);
    }
}
