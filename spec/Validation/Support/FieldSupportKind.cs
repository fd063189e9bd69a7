namespace Kubedos.Spec.Validation.Support;

/// <summary>How much of a ClusterSpec field this build carries out.</summary>
internal enum FieldSupportKind
{
    /// <summary>Nothing in this build reads the field: writing it at all is refused.</summary>
    RefusedWhenSet,

    /// <summary>A switch for a stage this build does not have: <c>false</c> is honoured (nothing runs), <c>true</c> is refused.</summary>
    RefusedWhenTrue,

    /// <summary>Some values are carried out and the others refused.</summary>
    SupportedValues,
}
