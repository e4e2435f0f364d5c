using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SimpleImGateway.Companion.Tests.Support
{
    /// <summary>Writes a JSON configuration file for <c>--config</c>.</summary>
    public static class ConfigFile
    {
        /// <summary>
        /// Writes <paramref name="json"/> to a file in <paramref name="directory"/>. Unless the JSON sets them, the three
        /// elements and the dashboard get fresh free ports so tests never collide with a running server or each other.
        /// </summary>
        public static string Write(TempDirectory directory, string json = "{}", string name = "simpleim.json")
        {
            JsonObject root = JsonNode.Parse(json)!.AsObject();
            foreach (string section in new[] { "Core", "Presence", "Im", "Dashboard" })
            {
                JsonObject element = root[section] as JsonObject ?? new JsonObject();
                if (!element.ContainsKey("Port"))
                {
                    element["Port"] = FreePorts.Next();
                }

                root[section] = element;
            }

            string path = directory.Combine(name);
            File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return path;
        }
    }
}
