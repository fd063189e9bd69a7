using System.Text;
using Kubedos.Seal.Attestation;
using Kubedos.Testing;

namespace Kubedos.Seal.Tests.Attestation;

public sealed class DsseEnvelopeTests
{
    [Fact]
    public void Pae_DsseSpecExample_IsExactBytes()
    {
        // The example of the DSSE protocol document.
        var pae = Pae.Encode("http://example.com/HelloWorld", Encoding.UTF8.GetBytes("hello world"));

        Assert.Equal("DSSEv1 29 http://example.com/HelloWorld 11 hello world", Encoding.UTF8.GetString(pae));
    }

    [Fact]
    public void Pae_LengthsAreUtf8ByteCounts()
    {
        var pae = Pae.Encode("t/é", [0xFF, 0x00]);

        Assert.Equal([.. "DSSEv1 4 t/"u8, 0xC3, 0xA9, .. " 2 "u8, 0xFF, 0x00], pae);
    }

    [Fact]
    public void Sign_RoundTripThroughJson_VerifiesWithThePublicKey()
    {
        using var key = SigningKey.Generate();
        var envelope = DsseEnvelope.Sign("application/x-test", "{\"a\":1}"u8.ToArray(), key);

        var read = DsseEnvelope.Parse(envelope.ToJson());

        Assert.True(read.IsSignedBy(key.Public));
        Assert.Equal(key.Public.KeyId, read.Signatures[0].KeyId);
        Assert.Equal("{\"a\":1}"u8.ToArray(), read.Payload);
    }

    [Fact]
    public void IsSignedBy_PayloadTypeOrPayloadChanged_False()
    {
        using var key = SigningKey.Generate();
        var envelope = DsseEnvelope.Sign("application/x-test", "payload"u8.ToArray(), key);

        Assert.False((envelope with { PayloadType = "application/x-other" }).IsSignedBy(key.Public));
        Assert.False((envelope with { Payload = "payloaD"u8.ToArray() }).IsSignedBy(key.Public));
    }

    [Fact]
    public void IsSignedBy_AnotherKey_False()
    {
        using var key = SigningKey.Generate();
        using var other = SigningKey.Generate();

        Assert.False(DsseEnvelope.Sign("t", "p"u8.ToArray(), key).IsSignedBy(other.Public));
    }

    [Fact]
    public void Signature_IsDerOverPae_OpensslVerifiesIt()
    {
        using var key = SigningKey.Generate();
        var envelope = DsseEnvelope.Sign(DsseEnvelope.InTotoPayloadType, "{\"_type\":\"x\"}"u8.ToArray(), key);
        var dir = Directory.CreateTempSubdirectory("kubedos-dsse-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "pub.pem"), key.Public.Pem);
            File.WriteAllBytes(Path.Combine(dir, "sig.der"), envelope.Signatures[0].Sig);
            File.WriteAllBytes(Path.Combine(dir, "pae.bin"), Pae.Encode(envelope.PayloadType, envelope.Payload));
            File.WriteAllBytes(Path.Combine(dir, "payload.bin"), envelope.Payload);

            var (ok, okOutput) = OpenSsl.Run(dir, "dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.der", "pae.bin");
            var (bare, _) = OpenSsl.Run(dir, "dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.der", "payload.bin");

            Assert.True(ok == 0, okOutput);
            Assert.NotEqual(0, bare);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Parse_NotBase64_FormatExceptionNamesTheField()
    {
        var e = Assert.Throws<FormatException>(() => DsseEnvelope.Parse("{\"payloadType\":\"t\",\"payload\":\"%%\",\"signatures\":[{\"sig\":\"AA==\"}]}"u8));

        Assert.Contains("payload", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SigningKey_FromPem_RefusesP384()
    {
        using var p384 = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384);

        var e = Assert.Throws<System.Security.Cryptography.CryptographicException>(() => SigningKey.FromPem(p384.ExportPkcs8PrivateKeyPem()));

        Assert.Contains("P-256", e.Message, StringComparison.Ordinal);
    }
}
