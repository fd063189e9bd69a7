using System.Text.Json.Serialization;

namespace Kubedos.Engine.State;

/// <summary>Source-generated JSON for history files.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(FileCheckpointStore.HistoryFile))]
internal sealed partial class HistoryJson : JsonSerializerContext;
