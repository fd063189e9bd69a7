namespace Kubedos.Spec.Model;

/// <summary>Marks a boolean that opens a destruction boundary: it must be written as a literal true or false.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class DestructiveFlagAttribute : Attribute;
