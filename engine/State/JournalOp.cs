using Kubedos.Engine.Model;

namespace Kubedos.Engine.State;

/// <summary>One change to a checkpoint; a journal line holds a few that apply together.</summary>
internal sealed record JournalOp(JournalOpKind Kind, Urn Urn, bool Delete, ResourceState? Resource, PendingOperationKind Pending)
{
    public static JournalOp Put(ResourceState resource) => new(JournalOpKind.Put, resource.Urn, resource.Delete, resource, default);

    public static JournalOp Remove(Urn urn, bool delete) => new(JournalOpKind.Remove, urn, delete, null, default);

    public static JournalOp Begin(ResourceState resource, PendingOperationKind kind) => new(JournalOpKind.Begin, resource.Urn, resource.Delete, resource, kind);

    public static JournalOp End(Urn urn, PendingOperationKind kind) => new(JournalOpKind.End, urn, false, null, kind);
}
