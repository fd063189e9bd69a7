namespace Kubedos.Seal.Attestation;

/// <summary>One signature of a DSSE envelope: the key's id (a hint, not trusted) and the DER signature over the PAE.</summary>
public sealed record DsseSignature(string KeyId, byte[] Sig);
