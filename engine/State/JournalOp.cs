using Kubedos.Engine.Model;

namespace Kubedos.Engine.State;

/// <summary>One change to a checkpoint; a journal line holds a few that apply together.</summary>
/// <remarks>
/// Resources are keyed by URN, delete flag and, for old copies awaiting deletion, their id: a
/// resource replaced twice before its old copies are deleted has two of them.
/// </remarks>
internal sealed record JournalOp(JournalOpKind Kind, Urn Urn, bool Delete, ResourceState? Resource, PendingOperationKind Pending, string? Id = null)
{
    /// <summary>The key of the resource this operation concerns.</summary>
    public (Urn, bool, string?) Key => (Urn, Delete, Delete ? Id : null);

    public static JournalOp Put(ResourceState resource) => new(JournalOpKind.Put, resource.Urn, resource.Delete, resource, default, resource.Id);

    public static JournalOp Remove(Urn urn, bool delete, string? id = null) => new(JournalOpKind.Remove, urn, delete, null, default, id);

    public static JournalOp Remove(ResourceState resource) => Remove(resource.Urn, resource.Delete, resource.Id);

    public static JournalOp Begin(ResourceState resource, PendingOperationKind kind) => new(JournalOpKind.Begin, resource.Urn, resource.Delete, resource, kind);

    public static JournalOp End(Urn urn, PendingOperationKind kind) => new(JournalOpKind.End, urn, false, null, kind);
}
