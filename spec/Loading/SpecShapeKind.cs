namespace Kubedos.Spec.Loading;

/// <summary>The YAML form a model type takes.</summary>
internal enum SpecShapeKind
{
    String,
    Integer,
    Boolean,
    Enum,
    List,
    Map,
    Record,
}
