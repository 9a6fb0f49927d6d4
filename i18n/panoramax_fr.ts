<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
    <context>
        <name>InstancePicker</name>
        <message>
            <location filename="../panoramax_plugin/ui/instance_picker.py" line="27" />
            <source>Address of any Panoramax instance (its web site or its /api URL)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/ui/instance_picker.py" line="23" />
            <source>Custom URL…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/ui/instance_picker.py" line="25" />
            <source>https://panoramax.example.org</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PanoramaxCore</name>
        <message>
            <location filename="../panoramax_plugin/core/instances.py" line="88" />
            <source>'{url}' contains spaces in its host name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/core/instances.py" line="94" />
            <source>'{url}' has an invalid port number.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/core/instances.py" line="84" />
            <source>'{url}' has no host name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/core/instances.py" line="77" />
            <source>'{url}' is not a web address: an instance URL starts with https:// (or http://).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/core/instances.py" line="43" />
            <source>All of Panoramax (api.panoramax.xyz, read-only)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/core/http.py" line="123" />
            <location filename="../panoramax_plugin/core/stac.py" line="61" />
            <source>Could not reach {host}: {error}. Check the address, your connection and the QGIS proxy settings.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/core/instances.py" line="31" />
            <source>IGN (panoramax.ign.fr)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/core/instances.py" line="67" />
            <source>No instance URL given. Type an address such as https://panoramax.ign.fr</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/core/http.py" line="77" />
            <source>Not found on the instance ({url}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/core/instances.py" line="37" />
            <source>OpenStreetMap France (panoramax.openstreetmap.fr)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/core/errors.py" line="29" />
            <source>The Python package '{package}' is needed for {feature} but is not installed. Install it with: python -m pip install {package}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/core/client.py" line="121" />
            <source>The instance configuration is not a JSON object.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/core/http.py" line="114" />
            <source>The instance did not answer in time ({url}). Check your connection or try again later.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/core/http.py" line="87" />
            <source>The instance had an internal error (HTTP {status}) on {url}. Try again later.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/core/http.py" line="80" />
            <source>The instance refused access (HTTP {status}). Sign in again or check that your account may do this.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/core/http.py" line="93" />
            <source>The instance rejected the request (HTTP {status}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/core/http.py" line="62" />
            <source>The picture is still being processed by the instance; try again in a moment.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/core/client.py" line="253" />
            <source>The picture {id} does not exist on {url} (it may be deleted or hidden).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/core/client.py" line="239" />
            <source>The picture {id} has no '{key}' file.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/core/client.py" line="228" />
            <source>The picture {id} has no usable position.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/core/client.py" line="156" />
            <source>The search answer of {url} has no feature list.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/core/client.py" line="247" />
            <source>The sequence {id} does not exist on {url} (it may be deleted or hidden).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/core/http.py" line="148" />
            <source>The server at {url} did not answer with JSON ({kind}). Is this the address of a Panoramax API?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/core/http.py" line="73" />
            <source>The server said: {message}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/core/stac.py" line="79" />
            <source>Unexpected answer from {url} while listing sequences: {error}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/core/client.py" line="269" />
            <source>Unexpected answer from {url}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/core/stac.py" line="21" />
            <source>listing sequences</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/core/geometry.py" line="52" />
            <source>sequence geometry</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/core/client.py" line="106" />
            <source>{url} answered with JSON that is not a Panoramax STAC catalog (no search or collections link). Check the instance address.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/core/client.py" line="95" />
            <source>{url} answered, but not with a Panoramax API description (no JSON). Check the instance address.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/core/client.py" line="84" />
            <source>{url} does not exist (HTTP 404): this is not a Panoramax API. Check the instance address.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PanoramaxPanel</name>
        <message>
            <location filename="../panoramax_plugin/ui/panel.py" line="125" />
            <source>API: {url}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/ui/panel.py" line="67" />
            <source>Check that the instance answers</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/ui/panel.py" line="66" />
            <source>Connect</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/ui/panel.py" line="124" />
            <source>Connected to {title}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/ui/panel.py" line="102" />
            <source>Connecting to Panoramax instance</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/ui/panel.py" line="99" />
            <source>Connecting to {url}…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/ui/panel.py" line="128" />
            <source>GeoVisio version {version}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/ui/panel.py" line="61" />
            <source>Instance</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/ui/panel.py" line="71" />
            <source>Not connected.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/ui/panel.py" line="52" />
            <source>Panoramax</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/ui/panel.py" line="131" />
            <source>Pictures licence: {licence}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/ui/panel.py" line="138" />
            <source>Unexpected error: {error}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/ui/panel.py" line="119" />
            <source>no sign-in on this instance</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/ui/panel.py" line="121" />
            <source>read-only catalog</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/ui/panel.py" line="117" />
            <source>sign-in available</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PanoramaxPlugin</name>
        <message>
            <location filename="../panoramax_plugin/plugin.py" line="36" />
            <source>&amp;Panoramax</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/plugin.py" line="112" />
            <source>About Panoramax</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/plugin.py" line="50" />
            <source>About Panoramax…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/plugin.py" line="42" />
            <source>Panoramax</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/plugin.py" line="46" />
            <source>Panoramax panel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/plugin.py" line="47" />
            <source>Show or hide the Panoramax panel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/plugin.py" line="124" />
            <source>Some Panoramax features need Python packages that are not installed: {packages}. Install them from the OSGeo4W Shell (Windows) or a terminal with: {command}, then restart QGIS.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../panoramax_plugin/plugin.py" line="113" />
            <source>{name} {version}

Browse, view and upload Panoramax street-level pictures from QGIS. Panoramax is the free, decentralised street-view commons.</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
