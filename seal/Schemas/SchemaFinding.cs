namespace Kubedos.Seal.Schemas;

/// <summary>One way a document breaks its schema: where in the document (a JSON pointer) and what the schema says.</summary>
public sealed record SchemaFinding(string InstanceLocation, string Message)
{
    public override string ToString() => $"{(InstanceLocation.Length == 0 ? "/" : InstanceLocation)}: {Message}";
}
