<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
    <context>
        <name>AccountBox</name>
        <message>
            <location filename="../panoramax_plugin/upload/account_box.py" line="30" />
            <source>Account</source>
            <translation>Compte</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/account_box.py" line="119" />
            <source>Asking the instance for a sign-in link…</source>
            <translation>Demande d'un lien de connexion à l'instance…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/account_box.py" line="137" />
            <source>Checking the Panoramax token</source>
            <translation>Vérification du jeton Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/account_box.py" line="103" />
            <source>Confirm in the browser page that opened, then come back. If no page opened, visit: {url}</source>
            <translation>Confirmez dans la page du navigateur qui s'est ouverte, puis revenez. Si aucune page ne s'est ouverte, allez sur : {url}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/account_box.py" line="88" />
            <source>Not signed in (needed unless the instance accepts anonymous uploads)</source>
            <translation>Non connecté (nécessaire sauf si l'instance accepte les envois anonymes)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/account_box.py" line="86" />
            <source>Not signed in: this instance takes uploads without an account</source>
            <translation>Non connecté : cette instance accepte les envois sans compte</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/account_box.py" line="47" />
            <source>Opens the instance's login page in your browser; come back once accepted</source>
            <translation>Ouvre la page de connexion de l'instance dans votre navigateur ; revenez une fois accepté</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/account_box.py" line="121" />
            <source>Panoramax sign-in</source>
            <translation>Connexion Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/account_box.py" line="147" />
            <source>Paste a token of your account (from the instance's settings page):</source>
            <translation>Collez un jeton de votre compte (depuis la page de paramètres de l'instance) :</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/account_box.py" line="122" />
            <source>QGIS Panoramax plugin</source>
            <translation>Extension QGIS Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/account_box.py" line="45" />
            <source>Sign in…</source>
            <translation>Se connecter…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/account_box.py" line="50" />
            <source>Sign out</source>
            <translation>Se déconnecter</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/account_box.py" line="174" />
            <source>Sign-in failed: {error}</source>
            <translation>Échec de la connexion : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/account_box.py" line="84" />
            <source>Signed in as {name}</source>
            <translation>Connecté en tant que {name}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/account_box.py" line="165" />
            <source>Signed in as {name}.</source>
            <translation>Connecté en tant que {name}.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/account_box.py" line="159" />
            <source>Signed in for this session only: the token could not be stored in the QGIS authentication database ({error}).</source>
            <translation>Connecté pour cette session seulement : le jeton n'a pas pu être enregistré dans la base d'authentification de QGIS ({error}).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/account_box.py" line="167" />
            <source>Signed in to {url} as {name}.</source>
            <translation>Connecté à {url} en tant que {name}.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/account_box.py" line="181" />
            <source>Signed out; the token was removed from QGIS.</source>
            <translation>Déconnecté ; le jeton a été retiré de QGIS.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/account_box.py" line="68" />
            <source>The QGIS authentication database cannot be used ({error}).</source>
            <translation>La base d'authentification de QGIS ne peut pas être utilisée ({error}).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/account_box.py" line="172" />
            <source>The instance does not accept this token. Sign in again.</source>
            <translation>L'instance n'accepte pas ce jeton. Reconnectez-vous.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/account_box.py" line="146" />
            <source>Use a token</source>
            <translation>Utiliser un jeton</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/account_box.py" line="49" />
            <source>Use a token…</source>
            <translation>Utiliser un jeton…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/account_box.py" line="111" />
            <source>Waiting for the Panoramax sign-in</source>
            <translation>En attente de la connexion Panoramax</translation>
        </message>
    </context>
    <context>
        <name>AnnotationActions</name>
        <message>
            <location filename="../panoramax_plugin/semantics/annotation_actions.py" line="55" />
            <source>An annotation change is still being sent.</source>
            <translation>Une modification d’annotation est encore en cours d’envoi.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/annotation_actions.py" line="76" />
            <source>Annotation added to picture {id}.</source>
            <translation>Annotation ajoutée à la photo {id}.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/annotation_actions.py" line="122" />
            <source>Annotation deleted.</source>
            <translation>Annotation supprimée.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/annotation_actions.py" line="111" />
            <source>Annotation tags saved.</source>
            <translation>Étiquettes de l’annotation enregistrées.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/annotation_actions.py" line="128" />
            <source>Delete the annotation</source>
            <translation>Supprimer l’annotation</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/annotation_actions.py" line="169" />
            <source>Delete the annotation…</source>
            <translation>Supprimer l’annotation…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/annotation_actions.py" line="129" />
            <source>Delete this annotation and its tags from the picture, for everybody?</source>
            <translation>Supprimer cette annotation et ses étiquettes de la photo, pour tout le monde ?</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/annotation_actions.py" line="168" />
            <source>Edit the tags…</source>
            <translation>Modifier les étiquettes…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/annotation_actions.py" line="158" />
            <source>Sending a Panoramax annotation</source>
            <translation>Envoi d’une annotation Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/annotation_actions.py" line="98" />
            <source>Tags of the annotation</source>
            <translation>Étiquettes de l’annotation</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/annotation_actions.py" line="68" />
            <source>Tags of the new annotation</source>
            <translation>Étiquettes de la nouvelle annotation</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/annotation_actions.py" line="154" />
            <source>The tags you typed are kept: draw the box again to send them.</source>
            <translation>Les étiquettes saisies sont gardées : tracez à nouveau le cadre pour les envoyer.</translation>
        </message>
    </context>
    <context>
        <name>AnnotationController</name>
        <message>
            <location filename="../panoramax_plugin/viewer/annotation_controller.py" line="116" />
            <source>Reading Panoramax annotations</source>
            <translation>Lecture des annotations Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/annotation_controller.py" line="111" />
            <source>The annotations could not be read: {error}</source>
            <translation>Les annotations n’ont pas pu être lues : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/annotation_controller.py" line="192" />
            <source>The instance does not give this picture's size in pixels: an annotation cannot be placed on it.</source>
            <translation>L’instance ne donne pas la taille en pixels de cette photo : impossible d’y placer une annotation.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/annotation_controller.py" line="200" />
            <source>The picture's annotations are still being read: draw the box again.</source>
            <translation>Les annotations de la photo sont encore en cours de lecture : tracez le cadre à nouveau.</translation>
        </message>
    </context>
    <context>
        <name>AnnotationLayer</name>
        <message>
            <location filename="../panoramax_plugin/viewer/annotation_layer.py" line="56" />
            <source>(no tag)</source>
            <translation>(sans étiquette)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/annotation_layer.py" line="74" />
            <source>Annotation</source>
            <translation>Annotation</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/annotation_layer.py" line="72" />
            <source>Detection</source>
            <translation>Détection</translation>
        </message>
    </context>
    <context>
        <name>BestPicturesAlgorithm</name>
        <message>
            <location filename="../panoramax_plugin/processing/best_pictures.py" line="163" />
            <source>360°</source>
            <translation>360°</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/best_pictures.py" line="163" />
            <source>Any</source>
            <translation>Toutes</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/best_pictures.py" line="112" />
            <location filename="../panoramax_plugin/processing/best_pictures.py" line="181" />
            <source>Best pictures of features</source>
            <translation>Meilleures photos des entités</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/best_pictures.py" line="348" />
            <source>Feature {label}: the instance's answer was full, farther pictures may be missing (lower the distance).</source>
            <translation>Entité {label} : la réponse de l’instance était pleine, des photos plus lointaines peuvent manquer (réduisez la distance).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/best_pictures.py" line="340" />
            <source>Feature {label}: {error}</source>
            <translation>Entité {label} : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/best_pictures.py" line="193" />
            <source>Features seen</source>
            <translation>Entités vues</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/best_pictures.py" line="136" />
            <source>Features to look for</source>
            <translation>Entités à chercher</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/best_pictures.py" line="163" />
            <source>Flat</source>
            <translation>Plane</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/best_pictures.py" line="186" />
            <source>Folder of JPEGs turned toward each feature (optional)</source>
            <translation>Dossier de JPEG tournés vers chaque entité (facultatif)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/best_pictures.py" line="113" />
            <source>For each feature of a vector layer (points, lines or polygons, any CRS; the selected features only when asked), finds the N best Panoramax pictures showing it within the search distance: 360° pictures always see it, flat ones when it lies in their field of view. 'Best' weighs the distance (about 6 m is ideal), how centred it is, the age and the picture quality.

One row per picture: the feature id, the rank, the picture and sequence ids, the distance, the azimuth, the yaw and pitch that turn the viewer toward the feature, the capture date, the scores, the web viewer link and the thumbnail URL. Output geometry: none (a table), the picture's position, or a line from the feature to the picture.

JPEG folder (optional): one JPEG per feature, its best picture turned toward it (the view rendered from a 360° picture, a flat picture as it is), with author, licence and date burnt in. Named feature_&lt;id&gt;.jpg.

INSTANCE: a known instance (ign, osm-fr, federated) or the URL of a Panoramax API.</source>
            <translation>Pour chaque entité d’une couche vecteur (points, lignes ou polygones, tout SCR ; seulement les entités sélectionnées si demandé), trouve les N meilleures photos Panoramax qui la montrent dans la distance de recherche : les photos 360° la voient toujours, les photos planes quand elle est dans leur champ de vue. « Meilleure » pèse la distance (environ 6 m est idéal), le centrage, l’âge et la qualité de la photo.

Une ligne par photo : l’identifiant de l’entité, le rang, les identifiants de photo et de séquence, la distance, l’azimut, le lacet et l’inclinaison qui tournent la visionneuse vers l’entité, la date de prise de vue, les scores, le lien de la visionneuse web et l’URL de la vignette. Géométrie en sortie : aucune (une table), la position de la photo, ou une ligne de l’entité à la photo.

Dossier JPEG (facultatif) : un JPEG par entité, sa meilleure photo tournée vers elle (la vue calculée depuis une photo 360°, une photo plane telle quelle), avec auteur, licence et date incrustés. Nommé feature_&lt;id&gt;.jpg.

INSTANCE : une instance connue (ign, osm-fr, federated) ou l’URL d’une API Panoramax.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/best_pictures.py" line="204" />
            <source>Layer {layer} has no coordinate reference system: set one (Layer Properties &gt; Source) so the plugin knows where its features are.</source>
            <translation>La couche {layer} n'a pas de système de coordonnées de référence : définissez-en un (Propriétés de la couche &gt; Source) pour que l'extension sache où se trouvent ses objets.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/best_pictures.py" line="220" />
            <source>Layer {layer} has no features (or none selected): nothing to look for.</source>
            <translation>La couche {layer} n’a pas d’entité (ou aucune sélectionnée) : rien à chercher.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/best_pictures.py" line="175" />
            <source>Line: from the feature to the picture</source>
            <translation>Ligne : de l’entité à la photo</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/best_pictures.py" line="274" />
            <source>Looking for pictures of {count} features on {url}</source>
            <translation>Recherche de photos de {count} entités sur {url}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/best_pictures.py" line="292" />
            <source>No feature could be searched: {error}</source>
            <translation>Aucune entité n’a pu être cherchée : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/best_pictures.py" line="173" />
            <source>None (a table)</source>
            <translation>Aucune (une table)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/best_pictures.py" line="226" />
            <source>None of the {count} features of {layer} can be looked for.</source>
            <translation>Aucune des {count} entités de {layer} ne peut être cherchée.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/best_pictures.py" line="171" />
            <source>Output geometry</source>
            <translation>Géométrie en sortie</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/best_pictures.py" line="408" />
            <source>Picture {id}: no JPEG ({error})</source>
            <translation>Photo {id} : pas de JPEG ({error})</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/best_pictures.py" line="142" />
            <source>Pictures per feature</source>
            <translation>Photos par entité</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/best_pictures.py" line="174" />
            <source>Point: the picture's position</source>
            <translation>Point : la position de la photo</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/best_pictures.py" line="191" />
            <source>Rows written</source>
            <translation>Lignes écrites</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/best_pictures.py" line="152" />
            <source>Search distance (metres)</source>
            <translation>Distance de recherche (mètres)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/best_pictures.py" line="417" />
            <source>The JPEG {path} could not be written.</source>
            <translation>Le JPEG {path} n’a pas pu être écrit.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/best_pictures.py" line="244" />
            <location filename="../panoramax_plugin/processing/best_pictures.py" line="433" />
            <source>The folder {folder} cannot be written: {error}</source>
            <translation>Le dossier {folder} ne peut pas être écrit : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/best_pictures.py" line="162" />
            <source>Type of pictures</source>
            <translation>Type de photos</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/best_pictures.py" line="428" />
            <source>{count} JPEGs written to {folder}</source>
            <translation>{count} JPEG écrits dans {folder}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/best_pictures.py" line="323" />
            <source>{seen} of {total} features are seen by pictures ({rows} rows).</source>
            <translation>{seen} entités sur {total} sont vues par des photos ({rows} lignes).</translation>
        </message>
    </context>
    <context>
        <name>BrowseBox</name>
        <message>
            <location filename="../panoramax_plugin/browse/box.py" line="60" />
            <source>360° only</source>
            <translation>360° uniquement</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/box.py" line="71" />
            <source>A search stops here and asks you to zoom in or filter: more points would make QGIS slow</source>
            <translation>Une recherche s'arrête ici et vous demande de zoomer ou filtrer : davantage de points ralentiraient QGIS</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/box.py" line="37" />
            <source>Browse</source>
            <translation>Parcourir</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/box.py" line="45" />
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/box.py" line="58" />
            <source>Flat and 360°</source>
            <translation>Classiques et 360°</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/box.py" line="59" />
            <source>Flat only</source>
            <translation>Classiques uniquement</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/box.py" line="62" />
            <source>From</source>
            <translation>Du</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/box.py" line="41" />
            <source>Load pictures in view</source>
            <translation>Charger les photos de la vue</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/box.py" line="43" />
            <source>Load the pictures and sequences of the map extent as layers</source>
            <translation>Charger les photos et séquences de l'emprise de la carte comme couches</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/box.py" line="113" />
            <source>Loading…</source>
            <translation>Chargement…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/box.py" line="76" />
            <source>Pictures per search at most</source>
            <translation>Photos par recherche au maximum</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/box.py" line="66" />
            <source>Producer</source>
            <translation>Auteur</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/box.py" line="51" />
            <source>Refresh when the map stops moving</source>
            <translation>Actualiser quand la carte s'arrête</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/box.py" line="52" />
            <source>Show coverage (all zoom levels)</source>
            <translation>Afficher la couverture (tous les niveaux de zoom)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/box.py" line="63" />
            <source>To</source>
            <translation>Au</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/box.py" line="61" />
            <source>Type</source>
            <translation>Type</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/box.py" line="65" />
            <source>any (names separated by commas)</source>
            <translation>tous (noms séparés par des virgules)</translation>
        </message>
    </context>
    <context>
        <name>BrowseController</name>
        <message>
            <location filename="../panoramax_plugin/browse/controller.py" line="128" />
            <source>Browsing could not follow the instance change: {error}</source>
            <translation>La navigation n'a pas pu suivre le changement d'instance : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/controller.py" line="278" />
            <source>Choose a Panoramax instance first.</source>
            <translation>Choisissez d'abord une instance Panoramax.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/controller.py" line="283" />
            <source>Loading Panoramax pictures</source>
            <translation>Chargement des photos Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/controller.py" line="457" />
            <source>Loading pictures failed after {count} pictures of this area; the layers keep what they hold and are not complete for this area. {error}</source>
            <translation>Le chargement des photos a échoué après {count} photos de cette zone ; les couches gardent leur contenu mais ne sont pas complètes pour cette zone. {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/controller.py" line="180" />
            <source>Panoramax coverage ({host})</source>
            <translation>Couverture Panoramax ({host})</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/controller.py" line="442" />
            <source>Sequence details could not be read: {error}</source>
            <translation>Les détails des séquences n'ont pas pu être lus : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/controller.py" line="418" />
            <source>The instance answered with pictures outside the area asked (it seems to ignore the area), so the search could not be split: some pictures of this area may be missing.</source>
            <translation>L'instance a répondu avec des photos hors de la zone demandée (elle semble ignorer la zone) : la recherche n'a pas pu être découpée, des photos de cette zone peuvent manquer.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/controller.py" line="424" />
            <source>The search stopped after {count} requests with {parts} parts of the area not searched: zoom in or filter to see the rest.</source>
            <translation>La recherche s'est arrêtée après {count} requêtes, {parts} parties de la zone n'ont pas été cherchées : zoomez ou filtrez pour voir le reste.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/controller.py" line="429" />
            <source>The search stopped at {ceiling} pictures and {parts} parts of the area were not searched: zoom in or filter to see the rest.</source>
            <translation>La recherche s'est arrêtée à {ceiling} photos et {parts} parties de la zone n'ont pas été parcourues : zoomez ou filtrez pour voir le reste.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/controller.py" line="454" />
            <source>Unexpected error while loading pictures: {error}</source>
            <translation>Erreur inattendue pendant le chargement des photos : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/controller.py" line="438" />
            <source>{count} malformed pictures were skipped.</source>
            <translation>{count} photos mal formées ont été ignorées.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/controller.py" line="434" />
            <source>{count} pictures no longer on the instance were removed.</source>
            <translation>{count} photos qui ne sont plus sur l'instance ont été retirées.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/controller.py" line="410" />
            <source>{loaded} pictures in this area; {total} pictures and {sequences} sequences in the layers.</source>
            <translation>{loaded} photos dans cette zone ; {total} photos et {sequences} séquences dans les couches.</translation>
        </message>
    </context>
    <context>
        <name>CandidateList</name>
        <message>
            <location filename="../panoramax_plugin/viewer/candidates.py" line="87" />
            <source> m</source>
            <translation> m</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/candidates.py" line="210" />
            <source>360°</source>
            <translation>360°</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/candidates.py" line="79" />
            <source>Best quality first</source>
            <translation>Meilleure qualité d'abord</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/candidates.py" line="76" />
            <source>Best view first</source>
            <translation>Meilleure vue d'abord</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/candidates.py" line="61" />
            <source>Close the list (a search under way stops)</source>
            <translation>Fermer la liste (une recherche en cours s'arrête)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/candidates.py" line="69" />
            <source>Feature whose pictures are listed</source>
            <translation>Objet dont les photos sont listées</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/candidates.py" line="78" />
            <source>Most recent first</source>
            <translation>Plus récentes d'abord</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/candidates.py" line="77" />
            <source>Nearest first</source>
            <translation>Plus proches d'abord</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/candidates.py" line="57" />
            <source>Next picture of this feature</source>
            <translation>Photo suivante de cet objet</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/candidates.py" line="200" />
            <source>No picture of {label} was found within {distance} m: widen the distance, or choose another instance (All of Panoramax searches them all).</source>
            <translation>Aucune photo de {label} n'a été trouvée à moins de {distance} m : augmentez la distance, ou choisissez une autre instance (Tout Panoramax les interroge toutes).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/candidates.py" line="72" />
            <source>Order of the pictures</source>
            <translation>Ordre des photos</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/candidates.py" line="196" />
            <source>Pictures of {label}: {count}</source>
            <translation>Photos de {label} : {count}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/candidates.py" line="88" />
            <source>Pictures taken within this distance of the feature</source>
            <translation>Photos prises à moins de cette distance de l'objet</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/candidates.py" line="53" />
            <source>Previous picture of this feature</source>
            <translation>Photo précédente de cet objet</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/candidates.py" line="210" />
            <source>flat</source>
            <translation>plate</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/candidates.py" line="137" />
            <source>{label} ({count} pictures)</source>
            <translation>{label} ({count} photos)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/candidates.py" line="181" />
            <source>{label}: {error}</source>
            <translation>{label} : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/candidates.py" line="211" />
            <source>{metres:.0f} m</source>
            <translation>{metres:.0f} m</translation>
        </message>
    </context>
    <context>
        <name>CoverageAlongLinesAlgorithm</name>
        <message>
            <location filename="../panoramax_plugin/processing/coverage_along_lines.py" line="97" />
            <source>Coverage along lines</source>
            <translation>Couverture le long des lignes</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/coverage_along_lines.py" line="119" />
            <source>Distance to the nearest picture (metres)</source>
            <translation>Distance à la photo la plus proche (mètres)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/coverage_along_lines.py" line="287" />
            <source>Feature {id} cannot be placed on the Earth: {error}</source>
            <translation>L’entité {id} ne peut pas être placée sur la Terre : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/coverage_along_lines.py" line="113" />
            <source>Line layer</source>
            <translation>Couche de lignes</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/coverage_along_lines.py" line="128" />
            <source>Pictures taken before this date do not count</source>
            <translation>Les photos prises avant cette date ne comptent pas</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/coverage_along_lines.py" line="139" />
            <source>Search requests made</source>
            <translation>Requêtes de recherche faites</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/coverage_along_lines.py" line="173" />
            <source>The Panoramax instance cannot be used: {error}</source>
            <translation>L’instance Panoramax ne peut pas être utilisée : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/coverage_along_lines.py" line="149" />
            <source>The date is not valid.</source>
            <translation>La date n’est pas valide.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/coverage_along_lines.py" line="166" />
            <source>The distance must be more than 0 m.</source>
            <translation>La distance doit être supérieure à 0 m.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/coverage_along_lines.py" line="160" />
            <source>The line layer has no coordinate reference system: set one first.</source>
            <translation>La couche de lignes n’a pas de système de coordonnées : définissez-en un d’abord.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/coverage_along_lines.py" line="163" />
            <source>The line layer has no features.</source>
            <translation>La couche de lignes n’a pas d’entité.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/coverage_along_lines.py" line="292" />
            <source>The line layer has no lines to measure.</source>
            <translation>La couche de lignes n’a pas de ligne à mesurer.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/coverage_along_lines.py" line="98" />
            <source>The parts of lines (e.g. a road network) farther than a distance from any Panoramax picture, or covered only by pictures taken before a date: where to drive next. Each output feature is an input feature with its uncovered parts as geometry (empty when fully covered) and its lengths in metres: total_m, covered_m, uncovered_m and uncovered_share (0-1). Nearby lines are searched together: the log tells how many search requests were made.</source>
            <translation>Les parties de lignes (par ex. un réseau routier) plus loin qu’une distance de toute photo Panoramax, ou couvertes seulement par des photos prises avant une date : où passer ensuite. Chaque entité en sortie est une entité d’entrée avec ses parties non couvertes comme géométrie (vide si entièrement couverte) et ses longueurs en mètres : total_m, covered_m, uncovered_m et uncovered_share (0-1). Les lignes proches sont cherchées ensemble : le journal dit combien de requêtes de recherche ont été faites.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/coverage_along_lines.py" line="318" />
            <source>The picture search failed: {error}</source>
            <translation>La recherche de photos a échoué : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/coverage_along_lines.py" line="140" />
            <source>Total length (m)</source>
            <translation>Longueur totale (m)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/coverage_along_lines.py" line="141" />
            <source>Uncovered length (m)</source>
            <translation>Longueur non couverte (m)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/coverage_along_lines.py" line="136" />
            <source>Uncovered parts</source>
            <translation>Parties non couvertes</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/coverage_along_lines.py" line="214" />
            <source>{count} areas could not be searched completely: some covered parts may be reported as uncovered.</source>
            <translation>{count} zones n’ont pas pu être cherchées entièrement : des parties couvertes peuvent être indiquées comme non couvertes.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/coverage_along_lines.py" line="220" />
            <source>{requests} search requests for {features} features ({pieces} pieces in {groups} groups).</source>
            <translation>{requests} requêtes de recherche pour {features} entités ({pieces} morceaux en {groups} groupes).</translation>
        </message>
    </context>
    <context>
        <name>DownloadPicturesAlgorithm</name>
        <message>
            <location filename="../panoramax_plugin/processing/download_pictures.py" line="136" />
            <source>Choose a folder for the pictures.</source>
            <translation>Choisissez un dossier pour les photos.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/download_pictures.py" line="88" />
            <source>Download pictures</source>
            <translation>Télécharger des photos</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/download_pictures.py" line="89" />
            <source>Downloads the thumbnail, SD or HD file of each picture of a layer (only the selected features when asked) into a folder, as &lt;picture id&gt;_&lt;level&gt;.jpg, and writes an index layer (a point per picture with its file, size and status). The layer is a Panoramax pictures layer, or any layer with a picture id field: the files' addresses then come from the instance. Run it again to resume: files already there are not downloaded again.</source>
            <translation>Télécharge la vignette, le fichier SD ou HD de chaque photo d’une couche (seulement les entités sélectionnées si demandé) dans un dossier, sous le nom &lt;id de photo&gt;_&lt;niveau&gt;.jpg, et écrit une couche d’index (un point par photo avec son fichier, sa taille et son état). La couche est une couche de photos Panoramax, ou toute couche avec un champ d’identifiant de photo : les adresses des fichiers viennent alors de l’instance. Relancez-le pour reprendre : les fichiers déjà présents ne sont pas téléchargés à nouveau.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/download_pictures.py" line="130" />
            <source>Files downloaded</source>
            <translation>Fichiers téléchargés</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/download_pictures.py" line="124" />
            <source>Folder</source>
            <translation>Dossier</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/download_pictures.py" line="119" />
            <source>HD (original)</source>
            <translation>HD (original)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/download_pictures.py" line="127" />
            <source>Index of the files</source>
            <translation>Index des fichiers</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/download_pictures.py" line="176" />
            <source>No feature has a picture id.</source>
            <translation>Aucune entité n’a d’identifiant de photo.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/download_pictures.py" line="260" />
            <source>No such picture on this instance.</source>
            <translation>Cette photo n’existe pas sur cette instance.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/download_pictures.py" line="110" />
            <source>Picture id field (default: id or picture_id)</source>
            <translation>Champ d’identifiant de photo (par défaut : id ou picture_id)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/download_pictures.py" line="104" />
            <source>Pictures layer</source>
            <translation>Couche de photos</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/download_pictures.py" line="119" />
            <source>SD (2048 px)</source>
            <translation>SD (2048 px)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/download_pictures.py" line="118" />
            <source>Size</source>
            <translation>Taille</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/download_pictures.py" line="243" />
            <source>The Panoramax instance cannot be used: {error}</source>
            <translation>L’instance Panoramax ne peut pas être utilisée : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/download_pictures.py" line="144" />
            <source>The folder {folder} cannot be written: {error}</source>
            <translation>Le dossier {folder} ne peut pas être écrit : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/download_pictures.py" line="170" />
            <source>The layer has no features.</source>
            <translation>La couche n’a pas d’entité.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/download_pictures.py" line="155" />
            <source>The layer has no field {name}.</source>
            <translation>La couche n’a pas de champ {name}.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/download_pictures.py" line="162" />
            <source>The layer has no id or picture_id field: choose its picture id field.</source>
            <translation>La couche n’a pas de champ id ou picture_id : choisissez son champ d’identifiant de photo.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/download_pictures.py" line="267" />
            <source>The picture has no {level} file.</source>
            <translation>La photo n’a pas de fichier {level}.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/download_pictures.py" line="252" />
            <source>The pictures could not be looked up: {error}</source>
            <translation>Les photos n’ont pas pu être recherchées : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/download_pictures.py" line="119" />
            <source>Thumbnail</source>
            <translation>Vignette</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/download_pictures.py" line="186" />
            <source>{todo} files to download, {done} already in the folder.</source>
            <translation>{todo} fichiers à télécharger, {done} déjà dans le dossier.</translation>
        </message>
    </context>
    <context>
        <name>FeatureEntryPoints</name>
        <message>
            <location filename="../panoramax_plugin/assets/entry_points.py" line="148" />
            <source>No feature of a vector layer there: click on one of your features.</source>
            <translation>Aucun objet d'une couche vecteur ici : cliquez sur l'un de vos objets.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/assets/entry_points.py" line="81" />
            <source>Panoramax pictures of the selected features</source>
            <translation>Photos Panoramax des objets sélectionnés</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/assets/entry_points.py" line="72" />
            <source>Panoramax pictures of this feature</source>
            <translation>Photos Panoramax de cet objet</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/assets/entry_points.py" line="111" />
            <source>Select a vector layer in the Layers panel, then the features to look for.</source>
            <translation>Sélectionnez une couche vecteur dans le panneau Couches, puis les objets à rechercher.</translation>
        </message>
    </context>
    <context>
        <name>FeaturePictures</name>
        <message>
            <location filename="../panoramax_plugin/assets/feature_search.py" line="54" />
            <source>Choose a Panoramax instance first.</source>
            <translation>Choisissez d'abord une instance Panoramax.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/assets/feature_search.py" line="83" />
            <source>Looking for pictures of {count} features…</source>
            <translation>Recherche des photos de {count} objets…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/assets/feature_search.py" line="81" />
            <source>Looking for pictures of {label}…</source>
            <translation>Recherche des photos de {label}…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/assets/feature_search.py" line="88" />
            <source>Panoramax pictures of features</source>
            <translation>Photos Panoramax d'objets</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/assets/feature_search.py" line="117" />
            <source>Pictures of {label}: {error}</source>
            <translation>Photos de {label} : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/assets/feature_search.py" line="42" />
            <source>Select one or more features of the layer first.</source>
            <translation>Sélectionnez d'abord un ou plusieurs objets de la couche.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/assets/feature_search.py" line="140" />
            <source>the features</source>
            <translation>les objets</translation>
        </message>
    </context>
    <context>
        <name>FeatureTargets</name>
        <message>
            <location filename="../panoramax_plugin/assets/feature_targets.py" line="84" />
            <source>Feature {label} could not be placed on the globe: {error}</source>
            <translation>L'objet {label} n'a pas pu être placé sur le globe : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/assets/feature_targets.py" line="92" />
            <source>Feature {label} has an empty geometry.</source>
            <translation>L'objet {label} a une géométrie vide.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/assets/feature_targets.py" line="62" />
            <source>Feature {label} has no geometry: there is nothing to look for.</source>
            <translation>L'objet {label} n'a pas de géométrie : il n'y a rien à rechercher.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/assets/feature_targets.py" line="69" />
            <source>Layer {layer} has no coordinate reference system: set one (Layer Properties &gt; Source) so the plugin knows where its features are.</source>
            <translation>La couche {layer} n'a pas de système de coordonnées de référence : définissez-en un (Propriétés de la couche &gt; Source) pour que l'extension sache où se trouvent ses objets.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/assets/feature_targets.py" line="53" />
            <source>This feature has no geometry Panoramax pictures could show.</source>
            <translation>Cet objet n'a pas de géométrie que des photos Panoramax pourraient montrer.</translation>
        </message>
    </context>
    <context>
        <name>FileTable</name>
        <message>
            <location filename="../panoramax_plugin/upload/file_table.py" line="84" />
            <source>Check</source>
            <translation>Vérification</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/file_table.py" line="83" />
            <source>File</source>
            <translation>Fichier</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/file_table.py" line="88" />
            <source>Message</source>
            <translation>Message</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/file_table.py" line="87" />
            <source>Picture</source>
            <translation>Photo</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/file_table.py" line="85" />
            <source>Sequence</source>
            <translation>Séquence</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/file_table.py" line="86" />
            <source>Upload</source>
            <translation>Envoi</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/file_table.py" line="136" />
            <source>already on the instance</source>
            <translation>déjà sur l'instance</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/file_table.py" line="133" />
            <source>duplicate</source>
            <translation>doublon</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/file_table.py" line="109" />
            <source>duplicate of {name}: the instance would reject it</source>
            <translation>doublon de {name} : l'instance la refuserait</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/file_table.py" line="138" />
            <source>failed</source>
            <translation>en échec</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/file_table.py" line="98" />
            <location filename="../panoramax_plugin/upload/file_table.py" line="132" />
            <source>not checked yet</source>
            <translation>pas encore vérifiée</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/file_table.py" line="134" />
            <source>not ready</source>
            <translation>pas prête</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/file_table.py" line="139" />
            <source>not sent</source>
            <translation>non envoyée</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/file_table.py" line="121" />
            <location filename="../panoramax_plugin/upload/file_table.py" line="131" />
            <source>ready</source>
            <translation>prête</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/file_table.py" line="137" />
            <source>rejected</source>
            <translation>refusée</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/file_table.py" line="194" />
            <source>sending {percent} %</source>
            <translation>envoi {percent} %</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/file_table.py" line="135" />
            <source>sent</source>
            <translation>envoyée</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/file_table.py" line="172" />
            <source>{total} files: {ready} ready in {sequences} sequence(s), {duplicates} duplicate(s), {bad} not ready.</source>
            <translation>{total} fichiers : {ready} prêts en {sequences} séquence(s), {duplicates} doublon(s), {bad} pas prêts.</translation>
        </message>
    </context>
    <context>
        <name>FlatView</name>
        <message>
            <location filename="../panoramax_plugin/viewer/flat_view.py" line="96" />
            <source>No picture</source>
            <translation>Aucune photo</translation>
        </message>
    </context>
    <context>
        <name>ImageLoader</name>
        <message>
            <location filename="../panoramax_plugin/viewer/image_loader.py" line="310" />
            <source>Loading Panoramax picture</source>
            <translation>Chargement de la photo Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/image_loader.py" line="94" />
            <source>The picture file is damaged or incomplete ({error}).</source>
            <translation>Le fichier de la photo est endommagé ou incomplet ({error}).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/image_loader.py" line="115" />
            <source>The picture file is incomplete: only part of it could be shown.</source>
            <translation>Le fichier de la photo est incomplet : seule une partie a pu être affichée.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/image_loader.py" line="292" />
            <source>This picture has no '{level}' file.</source>
            <translation>Cette photo n'a pas de fichier « {level} ».</translation>
        </message>
    </context>
    <context>
        <name>InstanceDirectory</name>
        <message>
            <location filename="../panoramax_plugin/instance_directory.py" line="92" />
            <source>Reading the list of Panoramax instances</source>
            <translation>Lecture de la liste des instances Panoramax</translation>
        </message>
    </context>
    <context>
        <name>InstanceLayers</name>
        <message>
            <location filename="../panoramax_plugin/browse/controller.py" line="57" />
            <source>Panoramax pictures ({host})</source>
            <translation>Photos Panoramax ({host})</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/controller.py" line="62" />
            <source>Panoramax sequences ({host})</source>
            <translation>Séquences Panoramax ({host})</translation>
        </message>
    </context>
    <context>
        <name>InstancePicker</name>
        <message>
            <location filename="../panoramax_plugin/panel/instance_picker.py" line="32" />
            <source>Address of any Panoramax instance (its web site or its /api URL)</source>
            <translation>Adresse de n'importe quelle instance Panoramax (son site web ou son URL /api)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/panel/instance_picker.py" line="26" />
            <source>Custom URL…</source>
            <translation>URL personnalisée…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/panel/instance_picker.py" line="30" />
            <source>https://panoramax.example.org</source>
            <translation>https://panoramax.example.org</translation>
        </message>
    </context>
    <context>
        <name>LayerBox</name>
        <message>
            <location filename="../panoramax_plugin/measure/layer_box.py" line="51" />
            <source>Add Panoramax fields</source>
            <translation>Ajouter les champs Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/layer_box.py" line="119" />
            <source>Add the measure to “{name}” through its feature form.</source>
            <translation>Ajouter la mesure à « {name} » par son formulaire d’entité.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/layer_box.py" line="85" />
            <source>Add to layer</source>
            <translation>Ajouter à la couche</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/layer_box.py" line="133" />
            <source>Adding the measure failed: {error}</source>
            <translation>L’ajout de la mesure a échoué : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/layer_box.py" line="113" />
            <location filename="../panoramax_plugin/measure/layer_box.py" line="142" />
            <source>Measure something in the viewer first.</source>
            <translation>Mesurez d’abord quelque chose dans la visionneuse.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/layer_box.py" line="84" />
            <source>The layer the measure is added to</source>
            <translation>La couche à laquelle la mesure est ajoutée</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/layer_box.py" line="43" />
            <source>“{name}” has no field for some of what the measure knows:

{fields}

Add these fields to the layer? They are added to its edit buffer: they reach the data source only when you save the layer's edits.</source>
            <translation>« {name} » n’a pas de champ pour une partie de ce que la mesure connaît :

{fields}

Ajouter ces champs à la couche ? Ils sont ajoutés à son tampon d’édition : ils n’atteignent la source de données que lorsque vous enregistrez les modifications de la couche.</translation>
        </message>
    </context>
    <context>
        <name>LayerWriter</name>
        <message>
            <location filename="../panoramax_plugin/measure/layer_writer.py" line="127" />
            <source>A measured place needs a point layer; “{name}” is {what}.</source>
            <translation>Un lieu mesuré demande une couche de points ; « {name} » est {what}.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/layer_writer.py" line="112" />
            <source>A ray from one picture has no position along it: click the object in a second picture to place it, or add the ray to a line layer.</source>
            <translation>Un rayon issu d’une seule photo n’a pas de position le long de celui-ci : cliquez l’objet dans une deuxième photo pour le placer, ou ajoutez le rayon à une couche de lignes.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/layer_writer.py" line="118" />
            <source>A ray needs a line layer; “{name}” is a polygon layer.</source>
            <translation>Un rayon demande une couche de lignes ; « {name} » est une couche de polygones.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/layer_writer.py" line="177" />
            <source>Add Panoramax fields</source>
            <translation>Ajouter les champs Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/layer_writer.py" line="415" />
            <source>Add Panoramax measure</source>
            <translation>Ajouter une mesure Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/layer_writer.py" line="443" />
            <source>Added to “{name}”: save the layer's edits to keep it.</source>
            <translation>Ajouté à « {name} » : enregistrez les modifications de la couche pour le garder.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/layer_writer.py" line="185" />
            <source>Adding the fields to “{name}” failed: {error}</source>
            <translation>L’ajout des champs à « {name} » a échoué : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/layer_writer.py" line="374" />
            <source>Adding the measure to “{name}” failed: {error}</source>
            <translation>L’ajout de la mesure à « {name} » a échoué : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/layer_writer.py" line="85" />
            <source>Choose a point layer to add the measure to.</source>
            <translation>Choisissez une couche de points où ajouter la mesure.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/layer_writer.py" line="437" />
            <source>Nothing added to “{name}”.</source>
            <translation>Rien n’a été ajouté à « {name} ».</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/layer_writer.py" line="137" />
            <source>The data source of “{name}” cannot take new features ({provider}): save it as a GeoPackage (Export › Save Features As…) and add to that.</source>
            <translation>La source de données de « {name} » ne peut pas recevoir de nouvelles entités ({provider}) : enregistrez-la en GeoPackage (Exporter › Sauvegarder les entités sous…) et ajoutez-y la mesure.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/layer_writer.py" line="167" />
            <source>The data source of “{name}” cannot take new fields: the measure is added without {fields}.</source>
            <translation>La source de données de « {name} » ne peut pas recevoir de nouveaux champs : la mesure est ajoutée sans {fields}.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/layer_writer.py" line="311" />
            <source>The measure cannot be made a {type} geometry for “{name}”.</source>
            <translation>La mesure ne peut pas devenir une géométrie {type} pour « {name} ».</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/layer_writer.py" line="301" />
            <source>The measure cannot be placed in the CRS of “{name}” ({crs}): {error}</source>
            <translation>La mesure ne peut pas être placée dans le SCR de « {name} » ({crs}) : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/layer_writer.py" line="123" />
            <source>a line layer</source>
            <translation>une couche de lignes</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/layer_writer.py" line="125" />
            <source>a polygon layer</source>
            <translation>une couche de polygones</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/layer_writer.py" line="173" />
            <source>“{name}” cannot be edited: the fields {fields} were not added.</source>
            <translation>« {name} » ne peut pas être modifiée : les champs {fields} n’ont pas été ajoutés.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/layer_writer.py" line="392" />
            <source>“{name}” cannot be put in edit mode.</source>
            <translation>« {name} » ne peut pas passer en mode édition.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/layer_writer.py" line="94" />
            <source>“{name}” cannot be read (its data source is missing or broken).</source>
            <translation>« {name} » ne peut pas être lue (sa source de données est absente ou endommagée).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/layer_writer.py" line="100" />
            <source>“{name}” has no geometry: choose a point layer (a line layer for a ray).</source>
            <translation>« {name} » n’a pas de géométrie : choisissez une couche de points (une couche de lignes pour un rayon).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/layer_writer.py" line="106" />
            <source>“{name}” is a polygon layer: choose a point layer (a line layer for a ray).</source>
            <translation>« {name} » est une couche de polygones : choisissez une couche de points (une couche de lignes pour un rayon).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/layer_writer.py" line="89" />
            <source>“{name}” is not a vector layer: choose a point layer (a line layer for a ray).</source>
            <translation>« {name} » n’est pas une couche vecteur : choisissez une couche de points (une couche de lignes pour un rayon).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/layer_writer.py" line="131" />
            <source>“{name}” is read-only in this project: untick “read-only” for it in the project's properties (Data Sources), or choose another layer.</source>
            <translation>« {name} » est en lecture seule dans ce projet : décochez « lecture seule » pour elle dans les propriétés du projet (Sources de données), ou choisissez une autre couche.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/layer_writer.py" line="190" />
            <source>“{name}” refused the fields {fields}: the measure is added without them.</source>
            <translation>« {name} » a refusé les champs {fields} : la mesure est ajoutée sans eux.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/layer_writer.py" line="430" />
            <source>“{name}” refused the new feature: {error}</source>
            <translation>« {name} » a refusé la nouvelle entité : {error}</translation>
        </message>
    </context>
    <context>
        <name>LostTaskWatch</name>
        <message>
            <location filename="../panoramax_plugin/background/lost_task.py" line="62" />
            <source>QGIS never started the task “{task}”: starting it again.</source>
            <translation>QGIS n’a jamais démarré la tâche « {task} » : elle est relancée.</translation>
        </message>
    </context>
    <context>
        <name>MeasurePanel</name>
        <message>
            <location filename="../panoramax_plugin/measure/panel.py" line="62" />
            <source> m</source>
            <translation> m</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/panel.py" line="74" />
            <source>A terrain model (DEM raster) for ground measures; none: flat ground</source>
            <translation>Un modèle de terrain (raster MNT) pour les mesures au sol ; aucun : sol plat</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/panel.py" line="68" />
            <source>Camera height</source>
            <translation>Hauteur de la caméra</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/panel.py" line="50" />
            <source>Clear</source>
            <translation>Vider</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/panel.py" line="51" />
            <source>Forget the clicks of this measure</source>
            <translation>Oublier les clics de cette mesure</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/panel.py" line="43" />
            <source>Ground distance from one picture</source>
            <translation>Distance au sol depuis une photo</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/panel.py" line="44" />
            <source>Height from one picture (foot, then top)</source>
            <translation>Hauteur depuis une photo (pied, puis sommet)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/panel.py" line="65" />
            <source>Height of the camera above the ground (a car roof: about 2 m)</source>
            <translation>Hauteur de la caméra au-dessus du sol (un toit de voiture : environ 2 m)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/panel.py" line="42" />
            <source>Position from two pictures or more</source>
            <translation>Position depuis deux photos ou plus</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/panel.py" line="77" />
            <source>Terrain (empty: flat)</source>
            <translation>Terrain (vide : plat)</translation>
        </message>
    </context>
    <context>
        <name>MeasureResult</name>
        <message>
            <location filename="../panoramax_plugin/measure/result_text.py" line="22" />
            <source>Crossing angle: {angle:.0f}°</source>
            <translation>Angle d’intersection : {angle:.0f}°</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/result_text.py" line="25" />
            <source>Distance to each camera: {distances}</source>
            <translation>Distance à chaque caméra : {distances}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/result_text.py" line="62" />
            <source>Ground distance: {distance:.2f} m ± {error:.2f} m (95 %)</source>
            <translation>Distance au sol : {distance:.2f} m ± {error:.2f} m (95 %)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/result_text.py" line="31" />
            <source>Height above the ground: {height:.2f} m</source>
            <translation>Hauteur au-dessus du sol : {height:.2f} m</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/result_text.py" line="46" />
            <source>Height: {height:.2f} m ± {error:.2f} m (95 %)</source>
            <translation>Hauteur : {height:.2f} m ± {error:.2f} m (95 %)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/result_text.py" line="55" />
            <source>One direction: {bearing:.1f}° from north.</source>
            <translation>Une direction : {bearing:.1f}° depuis le nord.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/result_text.py" line="16" />
            <source>Position: {lat:.7f}, {lon:.7f} (WGS84)</source>
            <translation>Position : {lat:.7f}, {lon:.7f} (WGS84)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/result_text.py" line="37" />
            <source>Residual of the {count} rays: {residual:.2f} m</source>
            <translation>Résidu des {count} rayons : {residual:.2f} m</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/result_text.py" line="19" />
            <source>Uncertainty (95 %): {major:.2f} m × {minor:.2f} m</source>
            <translation>Incertitude (95 %) : {major:.2f} m × {minor:.2f} m</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/result_text.py" line="70" />
            <source>on flat ground</source>
            <translation>sur sol plat</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/result_text.py" line="66" />
            <source>on the terrain model ({ground:+.2f} m from the camera's ground)</source>
            <translation>sur le modèle de terrain ({ground:+.2f} m par rapport au sol sous la caméra)</translation>
        </message>
    </context>
    <context>
        <name>MeasureTool</name>
        <message>
            <location filename="../panoramax_plugin/measure/tool.py" line="206" />
            <source>Measure failed: {error}</source>
            <translation>La mesure a échoué : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/tool.py" line="121" />
            <source>Open a picture first.</source>
            <translation>Ouvrez d’abord une photo.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/tool.py" line="126" />
            <source>The click is outside the picture: click on the object in the picture.</source>
            <translation>Le clic est hors de la photo : cliquez sur l’objet dans la photo.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/tool.py" line="195" />
            <source>measured</source>
            <translation>mesuré</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/tool.py" line="176" />
            <source>ray {number}</source>
            <translation>rayon {number}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/measure/tool.py" line="89" />
            <source>{name} cannot be read as a terrain model: flat ground is used.</source>
            <translation>{name} ne peut pas être lu comme modèle de terrain : le sol plat est utilisé.</translation>
        </message>
    </context>
    <context>
        <name>MineActions</name>
        <message>
            <location filename="../panoramax_plugin/mine/actions.py" line="441" />
            <source>Canceled: {count} change(s) applied, {failed} failed, {not_sent} not sent.</source>
            <translation>Annulé : {count} modification(s) appliquée(s), {failed} en échec, {not_sent} non envoyée(s).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/actions.py" line="405" />
            <source>Changes sent as {account}: My pictures shows another account now, load it again to see them.</source>
            <translation>Modifications envoyées en tant que {account} : Mes photos montre maintenant un autre compte, rechargez-le pour les voir.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/actions.py" line="202" />
            <source>Changing the picture order</source>
            <translation>Changement de l’ordre des photos</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/actions.py" line="137" />
            <source>Changing the visibility</source>
            <translation>Changement de la visibilité</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/actions.py" line="243" />
            <source>Correcting capture times</source>
            <translation>Correction des dates de prise de vue</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/actions.py" line="171" />
            <source>Correcting headings</source>
            <translation>Correction des orientations</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/actions.py" line="215" />
            <source>Correcting picture headings</source>
            <translation>Correction des orientations des photos</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/actions.py" line="277" />
            <source>Delete my pictures</source>
            <translation>Supprimer mes photos</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/actions.py" line="268" />
            <source>Delete {sequences} sequence(s) and {pictures} picture(s) in all from the instance? This cannot be undone.</source>
            <translation>Supprimer {sequences} séquence(s) et {pictures} photo(s) en tout de l’instance ? C’est irréversible.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/actions.py" line="273" />
            <source>Delete {sequences} sequence(s) with all their pictures from the instance (how many is not known here)? This cannot be undone.</source>
            <translation>Supprimer de l’instance {sequences} séquence(s) avec toutes leurs photos (leur nombre n’est pas connu ici) ? C’est irréversible.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/actions.py" line="293" />
            <source>Deleting my pictures</source>
            <translation>Suppression de mes photos</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/actions.py" line="229" />
            <source>Moving a picture</source>
            <translation>Déplacement d’une photo</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/actions.py" line="318" />
            <location filename="../panoramax_plugin/mine/actions.py" line="321" />
            <source>My pictures</source>
            <translation>Mes photos</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/actions.py" line="192" />
            <source>Relative heading</source>
            <translation>Orientation relative</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/actions.py" line="149" />
            <source>Renaming sequences</source>
            <translation>Renommage des séquences</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/actions.py" line="335" />
            <source>Select my sequences or pictures first.</source>
            <translation>Sélectionnez d’abord mes séquences ou photos.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/actions.py" line="105" />
            <source>Sequences and pictures are both selected: make the layer to act on the active one (Layers panel), or clear one of the selections.</source>
            <translation>Des séquences et des photos sont sélectionnées à la fois : rendez active la couche sur laquelle agir (panneau Couches), ou videz l’une des sélections.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/actions.py" line="451" />
            <source>Sign in again, then retry: the change is kept until then.</source>
            <translation>Reconnectez-vous, puis réessayez : la modification est gardée d’ici là.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/actions.py" line="332" />
            <source>Sign in to the instance to change your pictures.</source>
            <translation>Connectez-vous à l’instance pour modifier vos photos.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/actions.py" line="479" />
            <source>The sequence {id} is still being deleted by the instance.</source>
            <translation>La séquence {id} est encore en cours de suppression par l’instance.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/actions.py" line="188" />
            <source>Turn the pictures of {sequences} sequence(s) to {degrees}° from the direction of travel? The map shows {pictures} loaded picture(s) turned.</source>
            <translation>Tourner les photos de {sequences} séquence(s) à {degrees}° de la direction de déplacement ? La carte montre {pictures} photo(s) chargée(s) ainsi tournée(s).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/actions.py" line="457" />
            <source>{count} change(s) applied, {failed} not applied: the Panoramax log says why for each; select them and try again.</source>
            <translation>{count} modification(s) appliquée(s), {failed} non appliquée(s) : le journal Panoramax dit pourquoi pour chacune ; sélectionnez-les et réessayez.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/actions.py" line="454" />
            <source>{count} change(s) applied.</source>
            <translation>{count} modification(s) appliquée(s).</translation>
        </message>
    </context>
    <context>
        <name>MineBox</name>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="96" />
            <source>Any status</source>
            <translation>Tout état</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="254" />
            <source>Any visibility</source>
            <translation>Toute visibilité</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="82" />
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="328" />
            <source>Capture time</source>
            <translation>Date de prise de vue</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="121" />
            <source>Capture time…</source>
            <translation>Date de prise de vue…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="101" />
            <source>Captured between</source>
            <translation>Prises entre</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="329" />
            <source>Date and time with its time zone (ISO 8601):</source>
            <translation>Date et heure avec son fuseau horaire (ISO 8601) :</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="320" />
            <source>Degrees (north 0, east 90):</source>
            <translation>Degrés (nord 0, est 90) :</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="299" />
            <source>Degrees from the direction of travel (0 ahead, 90 to the right):</source>
            <translation>Degrés depuis le sens de déplacement (0 devant, 90 à droite) :</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="123" />
            <source>Delete…</source>
            <translation>Supprimer…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="132" />
            <source>Drag one of my pictures' points on the map; Escape cancels</source>
            <translation>Faites glisser le point d’une de mes photos sur la carte ; Échap annule</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="116" />
            <source>Hide / show…</source>
            <translation>Masquer / montrer…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="70" />
            <source>Load my sequences</source>
            <translation>Charger mes séquences</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="275" />
            <source>Load the pictures of my sequences first.</source>
            <translation>Chargez d’abord les photos de mes séquences.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="71" />
            <source>Load their pictures</source>
            <translation>Charger leurs photos</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="122" />
            <source>Move a picture…</source>
            <translation>Déplacer une photo…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="75" />
            <location filename="../panoramax_plugin/mine/box.py" line="230" />
            <source>My coverage</source>
            <translation>Ma couverture</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="232" />
            <source>My coverage could not be loaded</source>
            <translation>Ma couverture n’a pas pu être chargée</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="217" />
            <source>My coverage could not be loaded ({error})</source>
            <translation>Ma couverture n’a pas pu être chargée ({error})</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="54" />
            <source>My pictures</source>
            <translation>Mes photos</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="77" />
            <source>My sequences and pictures as vector tiles, at any zoom, hidden and still-processing ones included</source>
            <translation>Mes séquences et photos en tuiles vectorielles, à toute échelle, y compris celles masquées ou encore en traitement</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="292" />
            <source>New title:</source>
            <translation>Nouveau titre :</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="311" />
            <source>Order by:</source>
            <translation>Trier par :</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="320" />
            <source>Picture heading</source>
            <translation>Orientation de la photo</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="120" />
            <source>Picture heading…</source>
            <translation>Orientation de la photo…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="310" />
            <source>Picture order</source>
            <translation>Ordre des photos</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="119" />
            <source>Picture order…</source>
            <translation>Ordre des photos…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="298" />
            <source>Relative heading</source>
            <translation>Orientation relative</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="118" />
            <source>Relative heading…</source>
            <translation>Orientation relative…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="292" />
            <source>Rename</source>
            <translation>Renommer</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="117" />
            <source>Rename…</source>
            <translation>Renommer…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="124" />
            <source>Retry</source>
            <translation>Réessayer</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="135" />
            <source>Send again the change an expired sign-in stopped</source>
            <translation>Renvoyer la modification qu’une connexion expirée a arrêtée</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="181" />
            <source>Sign in to the instance (Upload pictures…) to see and change your pictures</source>
            <translation>Connectez-vous à l’instance (Envoyer des photos…) pour voir et modifier vos photos</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="100" />
            <source>Status</source>
            <translation>État</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="73" />
            <source>The pictures of the selected sequences (all when none is selected)</source>
            <translation>Les photos des séquences sélectionnées (toutes si aucune n’est sélectionnée)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="99" />
            <location filename="../panoramax_plugin/mine/box.py" line="283" />
            <source>Visibility</source>
            <translation>Visibilité</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/box.py" line="284" />
            <source>Who may see them:</source>
            <translation>Qui peut les voir :</translation>
        </message>
    </context>
    <context>
        <name>MineLoader</name>
        <message>
            <location filename="../panoramax_plugin/mine/loader.py" line="214" />
            <source>Loading my Panoramax pictures</source>
            <translation>Chargement de mes photos Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/loader.py" line="194" />
            <source>Loading my Panoramax sequences</source>
            <translation>Chargement de mes séquences Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/loader.py" line="188" />
            <source>Sign in to the instance to see your pictures.</source>
            <translation>Connectez-vous à l’instance pour voir vos photos.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/loader.py" line="272" />
            <source>Unexpected error: {error}</source>
            <translation>Erreur inattendue : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/loader.py" line="250" />
            <source>{count} of my sequences loaded.</source>
            <translation>{count} de mes séquences chargées.</translation>
        </message>
    </context>
    <context>
        <name>MovePictureTool</name>
        <message>
            <location filename="../panoramax_plugin/mine/move_tool.py" line="65" />
            <source>That place of the map has no longitude/latitude: nothing was moved.</source>
            <translation>Cet endroit de la carte n’a pas de longitude/latitude : rien n’a été déplacé.</translation>
        </message>
    </context>
    <context>
        <name>MyPicturesLayer</name>
        <message>
            <location filename="../panoramax_plugin/mine/layers.py" line="227" />
            <source>My Panoramax pictures</source>
            <translation>Mes photos Panoramax</translation>
        </message>
    </context>
    <context>
        <name>MyReportsDialog</name>
        <message>
            <location filename="../panoramax_plugin/semantics/reports_dialog.py" line="42" />
            <source>About</source>
            <translation>Objet</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/reports_dialog.py" line="43" />
            <source>Comments</source>
            <translation>Commentaires</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/reports_dialog.py" line="31" />
            <source>Loading the reports of {instance}…</source>
            <translation>Chargement des signalements de {instance}…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/reports_dialog.py" line="27" />
            <source>My reports</source>
            <translation>Mes signalements</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/reports_dialog.py" line="85" />
            <source>No report: none made by you, none about your pictures.</source>
            <translation>Aucun signalement : aucun fait par vous, aucun sur vos photos.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/reports_dialog.py" line="39" />
            <source>Opened</source>
            <translation>Ouvert le</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/reports_dialog.py" line="40" />
            <source>Problem</source>
            <translation>Problème</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/reports_dialog.py" line="41" />
            <source>Status</source>
            <translation>État</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/reports_dialog.py" line="65" />
            <source>picture {id}</source>
            <translation>photo {id}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/reports_dialog.py" line="65" />
            <source>sequence {id}</source>
            <translation>séquence {id}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/reports_dialog.py" line="81" />
            <source>{count} reports (yours, and those about your pictures).</source>
            <translation>{count} signalements (les vôtres, et ceux sur vos photos).</translation>
        </message>
    </context>
    <context>
        <name>MySequencesLayer</name>
        <message>
            <location filename="../panoramax_plugin/mine/layers.py" line="178" />
            <source>My Panoramax sequences</source>
            <translation>Mes séquences Panoramax</translation>
        </message>
    </context>
    <context>
        <name>MyStyles</name>
        <message>
            <location filename="../panoramax_plugin/mine/styles.py" line="33" />
            <source>Being deleted</source>
            <translation>En cours de suppression</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/styles.py" line="37" />
            <source>Hidden</source>
            <translation>Masquée</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/styles.py" line="42" />
            <source>Not ready</source>
            <translation>Pas prête</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/styles.py" line="44" />
            <source>Public</source>
            <translation>Publique</translation>
        </message>
    </context>
    <context>
        <name>OverlayButton</name>
        <message>
            <location filename="../panoramax_plugin/viewer/overlay_ui.py" line="156" />
            <source>Draw features of your layers in the picture</source>
            <translation>Dessiner les objets de vos couches dans la photo</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/overlay_ui.py" line="155" />
            <source>Overlay layers…</source>
            <translation>Couches superposées…</translation>
        </message>
    </context>
    <context>
        <name>OverlayChooser</name>
        <message>
            <location filename="../panoramax_plugin/viewer/overlay_ui.py" line="48" />
            <source> m</source>
            <translation> m</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/overlay_ui.py" line="42" />
            <source>Distance from the picture</source>
            <translation>Distance à la photo</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/overlay_ui.py" line="124" />
            <source>Draw this layer's features in the picture</source>
            <translation>Dessiner les objets de cette couche dans la photo</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/overlay_ui.py" line="49" />
            <source>Features this close to the picture are drawn in it</source>
            <translation>Les objets aussi proches de la photo y sont dessinés</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/overlay_ui.py" line="127" />
            <source>Label: a field or an expression</source>
            <translation>Étiquette : un champ ou une expression</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/overlay_ui.py" line="52" />
            <source>The project has no vector layer.</source>
            <translation>Le projet n'a pas de couche vecteur.</translation>
        </message>
    </context>
    <context>
        <name>OverlayController</name>
        <message>
            <location filename="../panoramax_plugin/viewer/overlay_controller.py" line="120" />
            <source>Overlay: {problem}</source>
            <translation>Superposition : {problem}</translation>
        </message>
    </context>
    <context>
        <name>OwnActions</name>
        <message>
            <location filename="../panoramax_plugin/viewer/own_actions.py" line="163" />
            <source>Delete picture {id} from the instance? This cannot be undone.</source>
            <translation>Supprimer la photo {id} de l’instance ? C’est irréversible.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/own_actions.py" line="162" />
            <source>Delete the picture</source>
            <translation>Supprimer la photo</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/own_actions.py" line="187" />
            <source>Deleting a Panoramax picture</source>
            <translation>Suppression d’une photo Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/own_actions.py" line="155" />
            <source>Fixing a Panoramax picture's heading</source>
            <translation>Correction de l’orientation d’une photo Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/own_actions.py" line="150" />
            <source>Heading of picture {id} set to {heading}°.</source>
            <translation>Orientation de la photo {id} mise à {heading}°.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/own_actions.py" line="138" />
            <source>Hiding a Panoramax picture</source>
            <translation>Masquage d’une photo Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/own_actions.py" line="54" />
            <source>Not yours: this picture belongs to {owner}.</source>
            <translation>Pas à vous : cette photo appartient à {owner}.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/own_actions.py" line="179" />
            <source>Picture {id} deleted.</source>
            <translation>Photo {id} supprimée.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/own_actions.py" line="133" />
            <source>Picture {id} hidden: only you see it now (visibility: {value}).</source>
            <translation>Photo {id} masquée : vous seul la voyez maintenant (visibilité : {value}).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/own_actions.py" line="182" />
            <source>Picture {id}: deletion asked; the instance still shows it.</source>
            <translation>Photo {id} : suppression demandée ; l’instance la montre encore.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/own_actions.py" line="49" />
            <source>Read-only catalog: open this picture on its own instance to change it.</source>
            <translation>Catalogue en lecture seule : ouvrez cette photo sur sa propre instance pour la modifier.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/own_actions.py" line="52" />
            <source>Sign in (Upload pictures…) to hide, delete or fix your pictures.</source>
            <translation>Connectez-vous (Envoyer des photos…) pour masquer, supprimer ou corriger vos photos.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/own_actions.py" line="96" />
            <source>The viewer moved to another picture while you were asked: nothing was changed. Open picture {id} and try again.</source>
            <translation>La visionneuse est passée à une autre photo pendant la question : rien n’a été modifié. Ouvrez la photo {id} et réessayez.</translation>
        </message>
    </context>
    <context>
        <name>OwnActionsRow</name>
        <message>
            <location filename="../panoramax_plugin/viewer/own_actions_row.py" line="27" />
            <source>Delete…</source>
            <translation>Supprimer…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/own_actions_row.py" line="32" />
            <source>Fix heading</source>
            <translation>Corriger l’orientation</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/own_actions_row.py" line="25" />
            <source>Hide</source>
            <translation>Masquer</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/own_actions_row.py" line="26" />
            <source>Only you will see this picture</source>
            <translation>Vous seul verrez cette photo</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/own_actions_row.py" line="34" />
            <source>Send this heading (degrees from north, clockwise) to the instance</source>
            <translation>Envoyer cette orientation (degrés depuis le nord, sens horaire) à l’instance</translation>
        </message>
    </context>
    <context>
        <name>PanoView</name>
        <message>
            <location filename="../panoramax_plugin/viewer/pano_view.py" line="67" />
            <source>No picture</source>
            <translation>Aucune photo</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/pano_view.py" line="126" />
            <source>This picture cannot be shown.</source>
            <translation>Cette photo ne peut pas être affichée.</translation>
        </message>
    </context>
    <context>
        <name>PanoramaxAlgorithm</name>
        <message>
            <location filename="../panoramax_plugin/processing/base.py" line="98" />
            <source>Canceled.</source>
            <translation>Annulé.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/base.py" line="65" />
            <source>Panoramax instance (a known key: {keys}; or a URL)</source>
            <translation>Instance Panoramax (une clé connue : {keys} ; ou une URL)</translation>
        </message>
    </context>
    <context>
        <name>PanoramaxCore</name>
        <message>
            <location filename="../panoramax_plugin/core/instances.py" line="99" />
            <source>'{url}' contains spaces in its host name.</source>
            <translation>« {url} » contient des espaces dans son nom d'hôte.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/instances.py" line="105" />
            <source>'{url}' has an invalid port number.</source>
            <translation>« {url} » a un numéro de port invalide.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/instances.py" line="95" />
            <source>'{url}' has no host name.</source>
            <translation>« {url} » n'a pas de nom d'hôte.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/instances.py" line="88" />
            <source>'{url}' is not a web address: an instance URL starts with https:// (or http://).</source>
            <translation>« {url} » n'est pas une adresse web : l'URL d'une instance commence par https:// (ou http://).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/semantics.py" line="218" />
            <source>A key cannot contain '=' nor start or end with a space.</source>
            <translation>Une clé ne peut pas contenir « = » ni commencer ou finir par une espace.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/semantics_api.py" line="124" />
            <source>A report is about a picture or a sequence.</source>
            <translation>Un signalement porte sur une photo ou une séquence.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/semantics_api.py" line="108" />
            <source>A tag change must add or delete.</source>
            <translation>Une modification d’étiquette doit ajouter ou supprimer.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/semantics.py" line="209" />
            <source>A tag needs a key.</source>
            <translation>Une étiquette doit avoir une clé.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/semantics.py" line="221" />
            <source>A tag needs a value.</source>
            <translation>Une étiquette doit avoir une valeur.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/instances.py" line="45" />
            <source>All of Panoramax (api.panoramax.xyz, read-only)</source>
            <translation>Tout Panoramax (api.panoramax.xyz, lecture seule)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/semantics_api.py" line="197" />
            <source>An annotation needs at least one tag.</source>
            <translation>Une annotation doit avoir au moins une étiquette.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/observation.py" line="56" />
            <source>Bearing of each ray from north, degrees, comma-separated</source>
            <translation>Azimut de chaque rayon depuis le nord, en degrés, séparés par des virgules</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/observation.py" line="68" />
            <source>Capture date of the (first) picture</source>
            <translation>Date de prise de vue de la (première) photo</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/caption.py" line="53" />
            <source>Capture date unknown</source>
            <translation>Date de prise de vue inconnue</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/caption.py" line="49" />
            <source>Captured {date}</source>
            <translation>Prise le {date}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/measure_session.py" line="104" />
            <source>Click a point on the ground.</source>
            <translation>Cliquez un point au sol.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/single_measure.py" line="82" />
            <source>Click on the ground, below the horizon: a point at or above the horizon has no distance on the ground.</source>
            <translation>Cliquez sur le sol, sous l’horizon : un point sur ou au-dessus de l’horizon n’a pas de distance au sol.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/triangulation.py" line="205" />
            <source>Click the object in a second picture: one direction gives no position.</source>
            <translation>Cliquez l’objet dans une deuxième photo : une seule direction ne donne pas de position.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/measure_session.py" line="98" />
            <source>Click the object in the picture.</source>
            <translation>Cliquez l’objet dans la photo.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/measure_session.py" line="106" />
            <source>Click the object's foot, where it meets the ground.</source>
            <translation>Cliquez le pied de l’objet, là où il touche le sol.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/single_measure.py" line="217" />
            <source>Click the object's top above its foot (the top was clicked lower).</source>
            <translation>Cliquez le sommet de l’objet au-dessus de son pied (le sommet a été cliqué plus bas).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/http.py" line="365" />
            <location filename="../panoramax_plugin/core/stac.py" line="122" />
            <source>Could not reach {host}: {error}. Check the address, your connection and the QGIS proxy settings.</source>
            <translation>Impossible de joindre {host} : {error}. Vérifiez l'adresse, votre connexion et les paramètres de proxy de QGIS.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/observation.py" line="73" />
            <source>Crossing angle of the rays, degrees</source>
            <translation>Angle d’intersection des rayons, en degrés</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/observation.py" line="88" />
            <source>Distance from the (nearest) camera, metres</source>
            <translation>Distance à la caméra (la plus proche), en mètres</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/observation.py" line="83" />
            <source>Height above the ground, metres</source>
            <translation>Hauteur au-dessus du sol, en mètres</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/observation.py" line="41" />
            <source>How it was found: triangulated, single picture, ray</source>
            <translation>Comment il a été trouvé : triangulé, photo unique, rayon</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/instances.py" line="33" />
            <source>IGN (panoramax.ign.fr)</source>
            <translation>IGN (panoramax.ign.fr)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/caption.py" line="46" />
            <source>Licence: not stated</source>
            <translation>Licence : non indiquée</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/caption.py" line="44" />
            <source>Licence: {licence}</source>
            <translation>Licence : {licence}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/instances.py" line="78" />
            <source>No instance URL given. Type an address such as https://panoramax.ign.fr</source>
            <translation>Aucune URL d'instance. Saisissez une adresse comme https://panoramax.ign.fr</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/semantics_api.py" line="104" />
            <source>No tag to change.</source>
            <translation>Aucune étiquette à modifier.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/http.py" line="289" />
            <source>Not found on the instance ({url}).</source>
            <translation>Introuvable sur l'instance ({url}).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/signed.py" line="59" />
            <source>Not found on the instance: {what} (deleted, or hidden from this account).</source>
            <translation>Introuvable sur l’instance : {what} (supprimé, ou caché pour ce compte).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/measure_session.py" line="107" />
            <source>Now click the object's top.</source>
            <translation>Cliquez maintenant le sommet de l’objet.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/measure_session.py" line="99" />
            <source>Now click the same object in another picture (next, previous, other date).</source>
            <translation>Cliquez maintenant le même objet dans une autre photo (suivante, précédente, autre date).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/instances.py" line="39" />
            <source>OpenStreetMap France (panoramax.openstreetmap.fr)</source>
            <translation>OpenStreetMap France (panoramax.openstreetmap.fr)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/observation.py" line="51" />
            <source>Panoramax instance (API URL) of the pictures</source>
            <translation>Instance Panoramax (URL de l’API) des photos</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/observation.py" line="46" />
            <source>Panoramax picture ids, comma-separated</source>
            <translation>Identifiants des photos Panoramax, séparés par des virgules</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/caption.py" line="55" />
            <source>Panoramax: {instance}</source>
            <translation>Panoramax : {instance}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/caption.py" line="41" />
            <source>Photo: author unknown</source>
            <translation>Photo : auteur inconnu</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/caption.py" line="39" />
            <source>Photo: {author}</source>
            <translation>Photo : {author}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/caption.py" line="58" />
            <source>Picture {id}</source>
            <translation>Photo {id}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/observation.py" line="63" />
            <source>Pitch of each ray above the horizon, degrees</source>
            <translation>Inclinaison de chaque rayon au-dessus de l’horizon, en degrés</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/auth.py" line="104" />
            <source>Sign-in canceled.</source>
            <translation>Connexion annulée.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/single_measure.py" line="93" />
            <source>That ground point is {distance:.0f} m away (at most {maximum:.0f} m): too far to be measured from one picture. Click closer to the camera, or triangulate from two pictures.</source>
            <translation>Ce point au sol est à {distance:.0f} m (au plus {maximum:.0f} m) : trop loin pour être mesuré depuis une photo. Cliquez plus près de la caméra, ou triangulez depuis deux photos.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/picture_file.py" line="295" />
            <source>The EXIF metadata is damaged: {what}.</source>
            <translation>Les métadonnées EXIF sont abîmées : {what}.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/picture_file.py" line="274" />
            <source>The GPS position in the picture is invalid ({value}): Panoramax needs a valid one.</source>
            <translation>La position GPS de la photo n'est pas valide ({value}) : Panoramax en demande une valide.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/errors.py" line="29" />
            <source>The Python package '{package}' is needed for {feature} but is not installed. Install it with: python -m pip install {package}</source>
            <translation>Le paquet Python « {package} » est nécessaire pour {feature} mais n'est pas installé. Installez-le avec : python -m pip install {package}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/http.py" line="157" />
            <source>The answer of {url} is compressed in a way the plugin cannot read ({kind}).</source>
            <translation>La réponse de {url} est compressée d'une façon que l'extension ne sait pas lire ({kind}).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/http.py" line="101" />
            <source>The answer of {url} is larger than {limit} MB, the most the plugin reads for one answer (real answers are far smaller): the instance may be misbehaving. Search a smaller area or fewer pictures; if it persists, tell the instance's administrators.</source>
            <translation>La réponse de {url} dépasse {limit} Mo, le maximum que l'extension lit pour une réponse (les vraies réponses sont bien plus petites) : l'instance fonctionne peut-être mal. Cherchez sur une zone plus petite ou moins de photos ; si cela persiste, prévenez les administrateurs de l'instance.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/http.py" line="499" />
            <source>The answer of {url} is nested too deeply to be read: the instance may be misbehaving. Try again later or tell its administrators.</source>
            <translation>La réponse de {url} est trop profondément imbriquée pour être lue : l'instance fonctionne peut-être mal. Réessayez plus tard ou prévenez ses administrateurs.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/semantics.py" line="275" />
            <source>The box goes outside the picture ({width} × {height} pixels).</source>
            <translation>Le cadre dépasse de la photo ({width} × {height} pixels).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/semantics.py" line="272" />
            <source>The box is empty: drag a larger one.</source>
            <translation>Le cadre est vide : tracez-en un plus grand.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/single_measure.py" line="72" />
            <source>The camera height must be above the ground (more than 0 m).</source>
            <translation>La hauteur de la caméra doit être au-dessus du sol (plus de 0 m).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/picture_file.py" line="285" />
            <source>The capture date and time in the picture are invalid ({value}): Panoramax needs valid ones.</source>
            <translation>La date et l'heure de prise de vue de la photo ne sont pas valides ({value}) : Panoramax en demande des valides.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/mine.py" line="148" />
            <source>The capture time must be a date and time with its time zone, not {value}.</source>
            <translation>La date de prise de vue doit être une date et heure avec son fuseau horaire, pas {value}.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/mine.py" line="163" />
            <source>The capture time {time} is before 1990: apply it anyway?</source>
            <translation>La date de prise de vue {time} est avant 1990 : l’appliquer quand même ?</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/mine.py" line="157" />
            <source>The capture time {time} is in the future: apply it anyway?</source>
            <translation>La date de prise de vue {time} est dans le futur : l’appliquer quand même ?</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/http.py" line="201" />
            <source>The compressed answer of {url} is damaged ({error}). Try again later.</source>
            <translation>La réponse compressée de {url} est endommagée ({error}). Réessayez plus tard.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/http.py" line="455" />
            <source>The connection to {url} failed while the answer arrived: {error}. Check your connection and try again.</source>
            <translation>La connexion à {url} a échoué pendant l'arrivée de la réponse : {error}. Vérifiez votre connexion et réessayez.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/http.py" line="126" />
            <source>The connection to {url} was cut before the whole answer arrived ({size} bytes received). Check your connection and try again.</source>
            <translation>La connexion à {url} a été coupée avant l'arrivée de toute la réponse ({size} octets reçus). Vérifiez votre connexion et réessayez.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/http.py" line="132" />
            <source>The connection to {url} was cut before the whole answer arrived ({size} of {expected} bytes). Check your connection and try again.</source>
            <translation>La connexion à {url} a été coupée avant l'arrivée de toute la réponse ({size} octets sur {expected}). Vérifiez votre connexion et réessayez.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/triangulation.py" line="173" />
            <source>The directions are parallel: they never meet. Click the object in a picture taken from another place.</source>
            <translation>Les directions sont parallèles : elles ne se croisent jamais. Cliquez l’objet dans une photo prise d’un autre endroit.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/triangulation.py" line="226" />
            <source>The directions cross at only {angle:.1f}° (at least {minimum:.0f}° needed): the position along them is unreliable. Pick a picture further along the street, or from the other side of the object.</source>
            <translation>Les directions se croisent à seulement {angle:.1f}° (au moins {minimum:.0f}° nécessaires) : la position le long de celles-ci n’est pas fiable. Choisissez une photo plus loin dans la rue, ou de l’autre côté de l’objet.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/triangulation.py" line="286" />
            <source>The directions cross at {angle:.0f}° only: a picture further along would give a surer position.</source>
            <translation>Les directions ne se croisent qu’à {angle:.0f}° : une photo plus loin donnerait une position plus sûre.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/triangulation.py" line="258" />
            <source>The directions meet behind the camera of picture {picture}: the clicks do not show the same object. Click the same object in each picture.</source>
            <translation>Les directions se rencontrent derrière la caméra de la photo {picture} : les clics ne montrent pas le même objet. Cliquez le même objet dans chaque photo.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/feature_pictures.py" line="105" />
            <source>The feature {name} cannot be searched for pictures: {reason}</source>
            <translation>Impossible de rechercher les photos de l'objet {name} : {reason}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/mine.py" line="89" />
            <source>The heading must be a number of degrees from 0 to 360 (north 0, east 90), not {value}.</source>
            <translation>L’orientation doit être un nombre de degrés de 0 à 360 (nord 0, est 90), pas {value}.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/mine.py" line="104" />
            <source>The heading relative to the direction of travel must be a number of degrees from -180 to 180 (0 ahead, 90 to the right), not {value}.</source>
            <translation>L’orientation par rapport au sens de déplacement doit être un nombre de degrés de -180 à 180 (0 devant, 90 à droite), pas {value}.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/auth.py" line="69" />
            <source>The instance answered {url} without the account it signed in: try again, or report it to the instance's administrators.</source>
            <translation>L'instance a répondu à {url} sans le compte connecté : réessayez, ou signalez-le aux administrateurs de l'instance.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/signed.py" line="82" />
            <source>The instance asks you to sign in again (HTTP {status}); then try again.</source>
            <translation>L’instance demande de vous reconnecter (HTTP {status}) ; puis réessayez.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/client.py" line="176" />
            <source>The instance configuration is not a JSON object.</source>
            <translation>La configuration de l'instance n'est pas un objet JSON.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/http.py" line="356" />
            <source>The instance did not answer in time ({url}). Check your connection or try again later.</source>
            <translation>L'instance n'a pas répondu à temps ({url}). Vérifiez votre connexion ou réessayez plus tard.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/http.py" line="115" />
            <source>The instance did not answer in time ({url}): {size} bytes arrived in {seconds:.0f} s. Check your connection or try again later.</source>
            <translation>L'instance n'a pas répondu à temps ({url}) : {size} octets reçus en {seconds:.0f} s. Vérifiez votre connexion ou réessayez plus tard.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/auth.py" line="55" />
            <source>The instance did not give a token to claim.</source>
            <translation>L'instance n'a pas fourni de jeton à valider.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/mine.py" line="124" />
            <source>The instance does not offer the visibility '{value}' (it offers: {offered}).</source>
            <translation>L’instance ne propose pas la visibilité « {value} » (elle propose : {offered}).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/http.py" line="314" />
            <source>The instance had an internal error (HTTP {status}) on {url}. Try again later.</source>
            <translation>L'instance a rencontré une erreur interne (HTTP {status}) sur {url}. Réessayez plus tard.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/http.py" line="307" />
            <source>The instance is receiving too many requests (HTTP {status}). Try again in {seconds} s.</source>
            <translation>L'instance reçoit trop de requêtes (HTTP {status}). Réessayez dans {seconds} s.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/http.py" line="301" />
            <source>The instance is receiving too many requests (HTTP {status}). Wait a moment and try again.</source>
            <translation>L'instance reçoit trop de requêtes (HTTP {status}). Patientez un instant et réessayez.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/http.py" line="292" />
            <source>The instance refused access (HTTP {status}). Sign in again or check that your account may do this.</source>
            <translation>L'instance a refusé l'accès (HTTP {status}). Reconnectez-vous ou vérifiez que votre compte a ce droit.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/signed.py" line="95" />
            <source>The instance refused the change to {what}.</source>
            <translation>L’instance a refusé la modification de {what}.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/signed.py" line="71" />
            <source>The instance refused to change {what}: it belongs to another account (or your sign-in does not allow it).</source>
            <translation>L’instance a refusé de modifier {what} : cela appartient à un autre compte (ou votre connexion ne le permet pas).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/http.py" line="320" />
            <source>The instance rejected the request (HTTP {status}).</source>
            <translation>L'instance a rejeté la requête (HTTP {status}).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/semantics.py" line="212" />
            <source>The key is {count} characters long; the limit is {limit}.</source>
            <translation>La clé fait {count} caractères ; la limite est {limit}.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/http.py" line="274" />
            <source>The picture is still being processed by the instance; try again in a moment.</source>
            <translation>La photo est encore en cours de traitement par l'instance ; réessayez dans un instant.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/feature_pictures.py" line="492" />
            <source>The picture search was canceled.</source>
            <translation>La recherche de photos a été annulée.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/mine.py" line="198" />
            <source>The picture would move {km} km from where it was: apply it anyway?</source>
            <translation>La photo se déplacerait de {km} km : l’appliquer quand même ?</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/client.py" line="489" />
            <source>The picture {id} does not exist on {url} (it may be deleted or hidden).</source>
            <translation>La photo {id} n'existe pas sur {url} (elle a peut-être été supprimée ou masquée).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/client.py" line="373" />
            <source>The picture {id} has no '{key}' file.</source>
            <translation>La photo {id} n'a pas de fichier « {key} ».</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/client.py" line="362" />
            <source>The picture {id} has no usable position.</source>
            <translation>La photo {id} n'a pas de position utilisable.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/triangulation.py" line="266" />
            <source>The point found is {distance:.0f} m from a camera (at most {maximum:.0f} m): too far to be measured from pictures. Pick pictures closer to the object.</source>
            <translation>Le point trouvé est à {distance:.0f} m d’une caméra (au plus {maximum:.0f} m) : trop loin pour être mesuré depuis des photos. Choisissez des photos plus proches de l’objet.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/mine.py" line="187" />
            <source>The position must be a longitude from -180 to 180 and a latitude from -90 to 90 (WGS84), not {lon}, {lat}.</source>
            <translation>La position doit être une longitude de -180 à 180 et une latitude de -90 à 90 (WGS84), pas {lon}, {lat}.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/single_measure.py" line="195" />
            <source>The ray does not meet the ground within {maximum:.0f} m: click on the ground closer to the camera.</source>
            <translation>Le rayon ne rencontre pas le sol à moins de {maximum:.0f} m : cliquez sur le sol plus près de la caméra.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/triangulation.py" line="214" />
            <source>The same picture was clicked twice: click the object in another picture (the next or previous one, or another sequence).</source>
            <translation>La même photo a été cliquée deux fois : cliquez l’objet dans une autre photo (la suivante, la précédente ou une autre séquence).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/client.py" line="283" />
            <source>The search answer of {url} is not a list of pictures ({kind}).</source>
            <translation>La réponse de recherche de {url} n'est pas une liste de photos ({kind}).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/client.py" line="483" />
            <source>The sequence {id} does not exist on {url} (it may be deleted or hidden).</source>
            <translation>La séquence {id} n'existe pas sur {url} (elle a peut-être été supprimée ou masquée).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/http.py" line="487" />
            <source>The server at {url} did not answer with JSON ({kind}). Is this the address of a Panoramax API?</source>
            <translation>Le serveur {url} n'a pas répondu en JSON ({kind}). Est-ce bien l'adresse d'une API Panoramax ?</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/http.py" line="285" />
            <location filename="../panoramax_plugin/core/signed.py" line="25" />
            <source>The server said: {message}</source>
            <translation>Le serveur indique : {message}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/single_measure.py" line="158" />
            <source>The terrain model does not cover the picture's place: choose another one.</source>
            <translation>Le modèle de terrain ne couvre pas le lieu de la photo : choisissez-en un autre.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/single_measure.py" line="173" />
            <source>The terrain model ends before the ray meets the ground: choose a model that covers the street, or measure on flat ground.</source>
            <translation>Le modèle de terrain s’arrête avant que le rayon ne rencontre le sol : choisissez un modèle qui couvre la rue, ou mesurez sur sol plat.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/mine.py" line="116" />
            <source>The title cannot be empty.</source>
            <translation>Le titre ne peut pas être vide.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/auth.py" line="107" />
            <source>The token was not claimed in time. Sign in again and confirm in the browser page that opens.</source>
            <translation>Le jeton n'a pas été validé à temps. Reconnectez-vous et confirmez dans la page du navigateur qui s'ouvre.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/single_measure.py" line="224" />
            <source>The top is straight above the camera: it cannot be measured.</source>
            <translation>Le sommet est à la verticale de la caméra : il ne peut pas être mesuré.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/semantics.py" line="224" />
            <source>The value is {count} characters long; the limit is {limit}.</source>
            <translation>La valeur fait {count} caractères ; la limite est {limit}.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/triangulation.py" line="76" />
            <source>This direction has no usable position or angle.</source>
            <translation>Cette direction n’a pas de position ou d’angle utilisable.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/semantics_api.py" line="127" />
            <source>This e-mail address does not look right: {email}</source>
            <translation>Cette adresse électronique ne semble pas correcte : {email}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/picture_file.py" line="74" />
            <source>This file could not be checked ({error}); it is left out.</source>
            <translation>Ce fichier n'a pas pu être vérifié ({error}) ; il est laissé de côté.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/semantics_api.py" line="271" />
            <source>This instance does not take anonymous reports: sign in, then report again.</source>
            <translation>Cette instance n’accepte pas les signalements anonymes : connectez-vous, puis signalez à nouveau.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/semantics.py" line="306" />
            <source>This key cannot be searched: {key}</source>
            <translation>Cette clé ne peut pas être recherchée : {key}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/measure_session.py" line="158" />
            <source>This picture already gave a direction: it was replaced by this click. Click the object in another picture to place it.</source>
            <translation>Cette photo avait déjà donné une direction : elle est remplacée par ce clic. Cliquez l’objet dans une autre photo pour le placer.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/measure_session.py" line="113" />
            <source>This picture has no heading: its directions cannot be placed on the map. Use another picture, or fix its heading first.</source>
            <translation>Cette photo n’a pas d’orientation : ses directions ne peuvent pas être placées sur la carte. Utilisez une autre photo, ou corrigez d’abord son orientation.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/semantics.py" line="290" />
            <source>This value cannot be searched (it holds a quote): {value}</source>
            <translation>Cette valeur ne peut pas être recherchée (elle contient une apostrophe) : {value}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/tagged.py" line="108" />
            <source>Type the tag key to search for.</source>
            <translation>Saisissez la clé d’étiquette à rechercher.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/tagged.py" line="115" />
            <source>Type the value(s) to search for, separated by |.</source>
            <translation>Saisissez la ou les valeurs à rechercher, séparées par |.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/observation.py" line="78" />
            <source>Uncertainty of the position, metres (95 %)</source>
            <translation>Incertitude de la position, en mètres (95 %)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/stac.py" line="140" />
            <source>Unexpected answer from {url} while listing sequences: {error}</source>
            <translation>Réponse inattendue de {url} lors de la liste des séquences : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/client.py" line="92" />
            <location filename="../panoramax_plugin/core/client.py" line="344" />
            <location filename="../panoramax_plugin/core/client.py" line="505" />
            <location filename="../panoramax_plugin/core/signed.py" line="34" />
            <location filename="../panoramax_plugin/core/stac.py" line="58" />
            <location filename="../panoramax_plugin/core/stac.py" line="89" />
            <source>Unexpected answer from {url}.</source>
            <translation>Réponse inattendue de {url}.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/semantics_api.py" line="121" />
            <source>Unknown kind of issue: {issue}.</source>
            <translation>Type de problème inconnu : {issue}.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/mine.py" line="136" />
            <source>Unknown picture order '{value}' (possible orders: {orders}).</source>
            <translation>Ordre des photos inconnu « {value} » (ordres possibles : {orders}).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/semantics.py" line="238" />
            <source>Write the tag as key=value, e.g. osm|highway=bus_stop.</source>
            <translation>Écrivez l’étiquette sous la forme clé=valeur, par ex. osm|highway=bus_stop.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/tagged.py" line="126" />
            <source>any tag</source>
            <translation>toute étiquette</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/picture_file.py" line="329" />
            <source>heading {value} ({tag}) left out: not an angle from 0 to 360°</source>
            <translation>cap {value} ({tag}) ignoré : pas un angle de 0 à 360°</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/feature_pictures.py" line="159" />
            <source>its coordinates are not longitudes and latitudes.</source>
            <translation>ses coordonnées ne sont pas des longitudes et latitudes.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/feature_pictures.py" line="148" />
            <source>its coordinates are not numbers.</source>
            <translation>ses coordonnées ne sont pas des nombres.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/feature_pictures.py" line="152" />
            <source>its geometry is empty.</source>
            <translation>sa géométrie est vide.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/stac.py" line="28" />
            <source>listing sequences</source>
            <translation>lister les séquences</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/picture_file.py" line="86" />
            <source>not a regular file</source>
            <translation>pas un fichier ordinaire</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/feature_pictures.py" line="177" />
            <source>one of its parts is degenerate (too few distinct vertices, or no area).</source>
            <translation>l'une de ses parties est dégénérée (trop peu de sommets distincts, ou aucune surface).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/geometry.py" line="52" />
            <source>sequence geometry</source>
            <translation>la géométrie des séquences</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/picture_file.py" line="234" />
            <source>sub-seconds {value} left out: not digits</source>
            <translation>fractions de seconde {value} ignorées : pas des chiffres</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/exif_tiff.py" line="114" />
            <source>the EXIF block has no valid TIFF header</source>
            <translation>le bloc EXIF n'a pas d'en-tête TIFF valide</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/picture_file.py" line="128" />
            <source>the EXIF reader failed ({error}); the plugin's own reader was used</source>
            <translation>le lecteur EXIF a échoué ({error}) ; celui de l'extension a été utilisé</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/semantics_api.py" line="307" />
            <source>the annotation {id}</source>
            <translation>l’annotation {id}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/semantics_api.py" line="206" />
            <source>the annotations of picture {id}</source>
            <translation>les annotations de la photo {id}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/mine.py" line="524" />
            <location filename="../panoramax_plugin/core/semantics_api.py" line="168" />
            <source>the picture {id}</source>
            <translation>la photo {id}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/semantics_api.py" line="263" />
            <source>the report</source>
            <translation>le signalement</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/mine.py" line="520" />
            <location filename="../panoramax_plugin/core/semantics_api.py" line="180" />
            <source>the sequence {id}</source>
            <translation>la séquence {id}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/semantics_api.py" line="148" />
            <source>the tags of picture {id}</source>
            <translation>les étiquettes de la photo {id}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/semantics_api.py" line="158" />
            <source>the tags of sequence {id}</source>
            <translation>les étiquettes de la séquence {id}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/mine.py" line="528" />
            <source>the upload set {id}</source>
            <translation>le lot d’envoi {id}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/exif_tiff.py" line="148" />
            <source>the {ifd} directory claims {count} entries, the EXIF block holds {room}</source>
            <translation>le répertoire {ifd} annonce {count} entrées, le bloc EXIF en contient {room}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/exif_tiff.py" line="136" />
            <source>the {ifd} directory points back to one already read</source>
            <translation>le répertoire {ifd} renvoie à un répertoire déjà lu</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/exif_tiff.py" line="140" />
            <source>the {ifd} directory points outside the EXIF block</source>
            <translation>le répertoire {ifd} pointe hors du bloc EXIF</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/picture_file.py" line="355" />
            <source>time offset {value} left out: not between -14:00 and +14:00</source>
            <translation>décalage horaire {value} ignoré : pas entre -14:00 et +14:00</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/caption.py" line="26" />
            <source>unknown instance</source>
            <translation>instance inconnue</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/exif_tiff.py" line="101" />
            <source>unreadable EXIF block ({error})</source>
            <translation>bloc EXIF illisible ({error})</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/exif_tiff.py" line="183" />
            <source>{tag} claims {count} values</source>
            <translation>{tag} annonce {count} valeurs</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/exif_tiff.py" line="176" />
            <source>{tag} has the wrong type ({kind})</source>
            <translation>{tag} n'a pas le bon type ({kind})</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/exif_tiff.py" line="229" />
            <source>{tag} is not a date</source>
            <translation>{tag} n'est pas une date</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/exif_tiff.py" line="222" />
            <source>{tag} is not a number</source>
            <translation>{tag} n'est pas un nombre</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/exif_tiff.py" line="195" />
            <source>{tag} points outside the EXIF block</source>
            <translation>{tag} pointe hors du bloc EXIF</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/client.py" line="161" />
            <source>{url} answered with JSON that is not a Panoramax STAC catalog (no search or collections link). Check the instance address.</source>
            <translation>{url} a répondu avec un JSON qui n'est pas un catalogue STAC Panoramax (pas de lien de recherche ni de collections). Vérifiez l'adresse de l'instance.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/client.py" line="149" />
            <source>{url} answered, but not with a Panoramax API description (no JSON). Check the instance address.</source>
            <translation>{url} a répondu, mais pas avec la description d'une API Panoramax (pas de JSON). Vérifiez l'adresse de l'instance.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/client.py" line="138" />
            <source>{url} does not exist (HTTP 404): this is not a Panoramax API. Check the instance address.</source>
            <translation>{url} n'existe pas (HTTP 404) : ce n'est pas une API Panoramax. Vérifiez l'adresse de l'instance.</translation>
        </message>
    </context>
    <context>
        <name>PanoramaxCoverage</name>
        <message>
            <location filename="../panoramax_plugin/layers/coverage.py" line="103" />
            <source>Few pictures</source>
            <translation>Peu de photos</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/layers/coverage.py" line="105" />
            <source>Many pictures</source>
            <translation>Beaucoup de photos</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/layers/coverage.py" line="140" />
            <source>Pictures (360°)</source>
            <translation>Photos (360°)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/layers/coverage.py" line="132" />
            <source>Pictures (flat)</source>
            <translation>Photos (classiques)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/layers/coverage.py" line="124" />
            <source>Sequences (360°)</source>
            <translation>Séquences (360°)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/layers/coverage.py" line="116" />
            <source>Sequences (flat)</source>
            <translation>Séquences (classiques)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/layers/coverage.py" line="104" />
            <source>Some pictures</source>
            <translation>Quelques photos</translation>
        </message>
    </context>
    <context>
        <name>PanoramaxExpressions</name>
        <message>
            <location filename="../panoramax_plugin/integration/expressions.py" line="86" />
            <source>'{text}' is not a Panoramax picture id.</source>
            <translation>« {text} » n’est pas un identifiant de photo Panoramax.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/integration/expressions.py" line="191" />
            <source>Arguments</source>
            <translation>Arguments</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/integration/expressions.py" line="193" />
            <source>Examples</source>
            <translation>Exemples</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/integration/expressions.py" line="69" />
            <source>No Panoramax instance: give one (ign, osm-fr, federated or a URL) or choose a valid one in the Panoramax panel.</source>
            <translation>Pas d’instance Panoramax : donnez-en une (ign, osm-fr, federated ou une URL) ou choisissez-en une valide dans le panneau Panoramax.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/integration/expressions.py" line="189" />
            <source>Syntax</source>
            <translation>Syntaxe</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/integration/expressions.py" line="246" />
            <source>The address of a Panoramax picture's original, full-definition file.</source>
            <translation>L’adresse du fichier original, en pleine définition, d’une photo Panoramax.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/integration/expressions.py" line="238" />
            <source>The address of a Panoramax picture's standard-definition file (2048 pixels wide).</source>
            <translation>L’adresse du fichier en définition standard d’une photo Panoramax (2048 pixels de large).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/integration/expressions.py" line="229" />
            <source>The address of a Panoramax picture's thumbnail (500 pixels wide), for an HTML map tip or form widget: &amp;lt;img src="[% panoramax_thumb_url("id") %]"&amp;gt;.</source>
            <translation>L’adresse de la vignette d’une photo Panoramax (500 pixels de large), pour une infobulle HTML ou un widget de formulaire : &amp;lt;img src="[% panoramax_thumb_url("id") %]"&amp;gt;.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/integration/expressions.py" line="274" />
            <source>The link that opens a picture in the instance's Panoramax web viewer, optionally turned toward a heading.</source>
            <translation>Le lien qui ouvre une photo dans la visionneuse web Panoramax de l’instance, éventuellement tournée vers un azimut.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/integration/expressions.py" line="321" />
            <source>The web viewer's link to a picture, turned toward a place: the heading from where the picture was taken to the target. Both points are in the layer's CRS (WGS 84 outside a layer); a line or polygon counts by its centroid.</source>
            <translation>Le lien de la visionneuse web vers une photo, tournée vers un lieu : l’azimut du lieu de prise de vue vers la cible. Les deux points sont dans le SCR de la couche (WGS 84 hors d’une couche) ; une ligne ou un polygone compte par son centroïde.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/integration/expressions.py" line="201" />
            <source>a Panoramax picture id (UUID), or a Panoramax link to the picture. NULL gives NULL.</source>
            <translation>un identifiant de photo Panoramax (UUID), ou un lien Panoramax vers la photo. NULL donne NULL.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/integration/expressions.py" line="342" />
            <source>a link looking at the sign B14</source>
            <translation>un lien qui regarde le panneau B14</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/integration/expressions.py" line="292" />
            <source>optional: degrees up (positive) or down (negative); 0 by default.</source>
            <translation>facultatif : degrés vers le haut (positif) ou le bas (négatif) ; 0 par défaut.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/integration/expressions.py" line="211" />
            <source>optional: ign, osm-fr, federated or the address of an instance; by default the instance of the link given as picture id, else the one chosen in the Panoramax panel.</source>
            <translation>facultatif : ign, osm-fr, federated ou l’adresse d’une instance ; par défaut l’instance du lien donné comme identifiant, sinon celle choisie dans le panneau Panoramax.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/integration/expressions.py" line="285" />
            <source>optional: where the view looks, degrees clockwise from north.</source>
            <translation>facultatif : où regarde la vue, en degrés dans le sens horaire depuis le nord.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/integration/expressions.py" line="335" />
            <source>the place to look at.</source>
            <translation>le lieu à regarder.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/integration/expressions.py" line="305" />
            <source>the same link, looking east</source>
            <translation>le même lien, regardant vers l’est</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/integration/expressions.py" line="333" />
            <source>where the picture was taken.</source>
            <translation>où la photo a été prise.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/integration/expressions.py" line="111" />
            <source>{name} must be a geometry (a point).</source>
            <translation>{name} doit être une géométrie (un point).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/integration/expressions.py" line="100" />
            <source>{name} must be a number, not '{value}'.</source>
            <translation>{name} doit être un nombre, pas « {value} ».</translation>
        </message>
    </context>
    <context>
        <name>PanoramaxLocatorFilter</name>
        <message>
            <location filename="../panoramax_plugin/integration/locator.py" line="66" />
            <source>Open a Panoramax picture or sequence from its id or a Panoramax link</source>
            <translation>Ouvrir une photo ou une séquence Panoramax depuis son identifiant ou un lien Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/integration/locator.py" line="94" />
            <source>Open picture {id}</source>
            <translation>Ouvrir la photo {id}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/integration/locator.py" line="92" />
            <source>Open picture {id} (on {instance})</source>
            <translation>Ouvrir la photo {id} (sur {instance})</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/integration/locator.py" line="105" />
            <source>Open sequence {id}</source>
            <translation>Ouvrir la séquence {id}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/integration/locator.py" line="103" />
            <source>Open sequence {id} (on {instance})</source>
            <translation>Ouvrir la séquence {id} (sur {instance})</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/integration/locator.py" line="114" />
            <source>Panoramax</source>
            <translation>Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/integration/locator.py" line="63" />
            <source>Panoramax pictures</source>
            <translation>Photos Panoramax</translation>
        </message>
    </context>
    <context>
        <name>PanoramaxMine</name>
        <message>
            <location filename="../panoramax_plugin/mine/labels.py" line="21" />
            <source>Anyone</source>
            <translation>Tout le monde</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/labels.py" line="15" />
            <source>Being processed</source>
            <translation>En traitement</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/labels.py" line="16" />
            <source>Broken</source>
            <translation>En erreur</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/labels.py" line="31" />
            <source>File name, A to Z</source>
            <translation>Nom de fichier, de A à Z</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/labels.py" line="32" />
            <source>File name, Z to A</source>
            <translation>Nom de fichier, de Z à A</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/labels.py" line="30" />
            <source>File time, newest first</source>
            <translation>Date du fichier, la plus récente d’abord</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/labels.py" line="29" />
            <source>File time, oldest first</source>
            <translation>Date du fichier, la plus ancienne d’abord</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/labels.py" line="28" />
            <source>GPS time, newest first</source>
            <translation>Heure GPS, la plus récente d’abord</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/labels.py" line="27" />
            <source>GPS time, oldest first</source>
            <translation>Heure GPS, la plus ancienne d’abord</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/labels.py" line="17" />
            <source>Hidden</source>
            <translation>Masquée</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/coverage.py" line="171" />
            <source>My coverage</source>
            <translation>Ma couverture</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/coverage.py" line="186" />
            <source>My pictures</source>
            <translation>Mes photos</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/coverage.py" line="179" />
            <source>My sequences</source>
            <translation>Mes séquences</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/labels.py" line="22" />
            <source>Only me</source>
            <translation>Moi seulement</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/labels.py" line="13" />
            <source>Ready</source>
            <translation>Prête</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/labels.py" line="23" />
            <source>Signed-in users</source>
            <translation>Utilisateurs connectés</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/actions.py" line="375" />
            <source>The change to {what} could not be sent ({error}); try again.</source>
            <translation>La modification de {what} n’a pas pu être envoyée ({error}) ; réessayez.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/mine/labels.py" line="14" />
            <source>Waiting to be processed</source>
            <translation>En attente de traitement</translation>
        </message>
    </context>
    <context>
        <name>PanoramaxOptionsFactory</name>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="274" />
            <source>Panoramax</source>
            <translation>Panoramax</translation>
        </message>
    </context>
    <context>
        <name>PanoramaxOptionsPage</name>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="85" />
            <source> MB</source>
            <translation> Mo</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="103" />
            <location filename="../panoramax_plugin/options_page.py" line="116" />
            <location filename="../panoramax_plugin/options_page.py" line="128" />
            <source> m</source>
            <translation> m</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="150" />
            <source> ms</source>
            <translation> ms</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="140" />
            <source> pictures</source>
            <translation> photos</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="61" />
            <source> s</source>
            <translation> s</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="141" />
            <source>A larger area asks you to zoom in; more pictures need more memory</source>
            <translation>Une zone plus grande vous demande de zoomer ; plus de photos demandent plus de mémoire</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="88" />
            <source>Always load the full-resolution (HD) file</source>
            <translation>Toujours charger le fichier en pleine résolution (HD)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="147" />
            <source>Auto-refresh delay</source>
            <translation>Délai de rafraîchissement automatique</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="100" />
            <source>Camera height</source>
            <translation>Hauteur de la caméra</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="178" />
            <source>Changes apply at once, except where a tooltip says otherwise; an upload already running keeps its own settings.</source>
            <translation>Les changements s’appliquent aussitôt, sauf là où une infobulle dit le contraire ; un envoi déjà en cours garde ses propres réglages.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="173" />
            <source>Default: in your QGIS profile</source>
            <translation>Par défaut : dans votre profil QGIS</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="68" />
            <source>Empty: only the instances built into the plugin</source>
            <translation>Vide : seulement les instances intégrées à l’extension</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="117" />
            <source>Features of your layers this close to a picture are drawn in it (applies from the next picture)</source>
            <translation>Les objets de vos couches à cette distance d’une photo y sont dessinés (s’applique dès la photo suivante)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="163" />
            <source>Files sent at once: a home connection is full at 2 to 4</source>
            <translation>Fichiers envoyés à la fois : une connexion domestique est saturée à 2 à 4</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="104" />
            <source>Height of street-view cameras above the ground (a car roof is about 2 m): used by measures and to turn pictures toward features</source>
            <translation>Hauteur des caméras au-dessus du sol (un toit de voiture : environ 2 m) : utilisée par les mesures et pour tourner les photos vers les objets</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="129" />
            <source>How far from a feature its pictures are looked for</source>
            <translation>À quelle distance d’un objet ses photos sont cherchées</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="62" />
            <source>How long to wait for an instance's answer before giving up (uploads wait four times longer, at least a minute)</source>
            <translation>Combien de temps attendre la réponse d’une instance avant d’abandonner (les envois attendent quatre fois plus, au moins une minute)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="76" />
            <source>Instance list</source>
            <translation>Liste des instances</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="133" />
            <source>Loading pictures</source>
            <translation>Chargement des photos</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="86" />
            <source>Memory kept for decoded pictures, so stepping back shows them at once</source>
            <translation>Mémoire gardée pour les photos décodées, pour qu’un retour en arrière les montre aussitôt</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="54" />
            <source>Network</source>
            <translation>Réseau</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="90" />
            <source>Otherwise the HD file is loaded only when you zoom in: faster on slow connections (applies from the next picture)</source>
            <translation>Sinon le fichier HD n’est chargé que lorsque vous zoomez : plus rapide sur les connexions lentes (s’applique dès la photo suivante)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="113" />
            <source>Overlay distance</source>
            <translation>Distance de superposition</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="159" />
            <source>Parallel uploads</source>
            <translation>Envois en parallèle</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="82" />
            <source>Picture cache</source>
            <translation>Cache des photos</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="78" />
            <source>Picture viewer</source>
            <translation>Visionneuse de photos</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="137" />
            <source>Pictures loaded at most</source>
            <translation>Photos chargées au plus</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="125" />
            <source>Pictures of a feature within</source>
            <translation>Photos d’un objet à moins de</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="58" />
            <source>Request timeout</source>
            <translation>Délai d’attente des requêtes</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="155" />
            <source>Upload</source>
            <translation>Envoyer</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="175" />
            <source>Upload state folder</source>
            <translation>Dossier d’état des envois</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="70" />
            <source>Where the list of Panoramax instances is read (once a day, in the background); they are offered in the panel after the built-in ones</source>
            <translation>Où la liste des instances Panoramax est lue (une fois par jour, en arrière-plan) ; elles sont proposées dans le panneau après les instances intégrées</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="168" />
            <source>Where the state of each upload is kept, so an interrupted upload resumes. Empty: the panoramax/uploads folder of your QGIS profile</source>
            <translation>Où l’état de chaque envoi est gardé, pour qu’un envoi interrompu reprenne. Vide : le dossier panoramax/uploads de votre profil QGIS</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/options_page.py" line="151" />
            <source>With auto-refresh on, the map must rest this long before pictures load</source>
            <translation>Avec le rafraîchissement automatique, la carte doit rester immobile aussi longtemps avant que les photos se chargent</translation>
        </message>
    </context>
    <context>
        <name>PanoramaxPanel</name>
        <message>
            <location filename="../panoramax_plugin/panel/dock.py" line="255" />
            <source>API: {url}</source>
            <translation>API : {url}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/panel/dock.py" line="73" />
            <source>Check that the instance answers</source>
            <translation>Vérifier que l'instance répond</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/panel/dock.py" line="72" />
            <source>Connect</source>
            <translation>Connecter</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/panel/dock.py" line="254" />
            <source>Connected to {title}.</source>
            <translation>Connecté à {title}.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/panel/dock.py" line="231" />
            <source>Connecting to Panoramax instance</source>
            <translation>Connexion à l'instance Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/panel/dock.py" line="228" />
            <source>Connecting to {url}…</source>
            <translation>Connexion à {url}…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/panel/dock.py" line="258" />
            <source>GeoVisio version {version}</source>
            <translation>GeoVisio version {version}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/panel/dock.py" line="67" />
            <source>Instance</source>
            <translation>Instance</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/panel/dock.py" line="77" />
            <source>Not connected.</source>
            <translation>Non connecté.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/panel/dock.py" line="58" />
            <source>Panoramax</source>
            <translation>Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/panel/dock.py" line="261" />
            <source>Pictures licence: {licence}</source>
            <translation>Licence des photos : {licence}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/panel/dock.py" line="272" />
            <source>Unexpected error: {error}</source>
            <translation>Erreur inattendue : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/panel/dock.py" line="247" />
            <source>no browser sign-in on this instance (a token of your account still works)</source>
            <translation>pas de connexion par navigateur sur cette instance (un jeton de votre compte fonctionne quand même)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/panel/dock.py" line="251" />
            <source>read-only catalog</source>
            <translation>catalogue en lecture seule</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/panel/dock.py" line="245" />
            <source>sign-in available</source>
            <translation>connexion de compte disponible</translation>
        </message>
    </context>
    <context>
        <name>PanoramaxPlugin</name>
        <message>
            <location filename="../panoramax_plugin/plugin.py" line="63" />
            <source>&amp;Panoramax</source>
            <translation>&amp;Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/plugin.py" line="376" />
            <source>About Panoramax</source>
            <translation>À propos de Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/plugin.py" line="138" />
            <source>About Panoramax…</source>
            <translation>À propos de Panoramax…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/plugin.py" line="110" />
            <source>Click near a picture or a sequence on the map to open it</source>
            <translation>Cliquez près d'une photo ou d'une séquence sur la carte pour l'ouvrir</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/plugin.py" line="118" />
            <source>Click on a feature of one of your layers to see the Panoramax pictures that show it, turned toward it</source>
            <translation>Cliquez sur un objet de l'une de vos couches pour voir les photos Panoramax qui le montrent, tournées vers lui</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/plugin.py" line="107" />
            <source>Open the picture clicked on the map</source>
            <translation>Ouvrir la photo cliquée sur la carte</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/plugin.py" line="88" />
            <source>Panoramax</source>
            <translation>Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/plugin.py" line="93" />
            <source>Panoramax panel</source>
            <translation>Panneau Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/plugin.py" line="115" />
            <source>Panoramax pictures of a feature</source>
            <translation>Photos Panoramax d'un objet</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/plugin.py" line="125" />
            <source>Panoramax pictures of the selected features</source>
            <translation>Photos Panoramax des objets sélectionnés</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/plugin.py" line="100" />
            <source>Picture viewer</source>
            <translation>Visionneuse de photos</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/plugin.py" line="134" />
            <source>Send pictures from your computer to the Panoramax instance</source>
            <translation>Envoyer des photos de votre ordinateur vers l'instance Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/plugin.py" line="96" />
            <source>Show or hide the Panoramax panel</source>
            <translation>Afficher ou masquer le panneau Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/plugin.py" line="103" />
            <source>Show or hide the Panoramax picture viewer</source>
            <translation>Afficher ou masquer la visionneuse de photos Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/plugin.py" line="388" />
            <source>Some Panoramax features need Python packages that are not installed: {packages}. Install them from the OSGeo4W Shell (Windows) or a terminal with: {command}, then restart QGIS.</source>
            <translation>Certaines fonctions de Panoramax ont besoin de paquets Python qui ne sont pas installés : {packages}. Installez-les depuis l'OSGeo4W Shell (Windows) ou un terminal avec : {command}, puis redémarrez QGIS.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/plugin.py" line="80" />
            <source>The Panoramax Processing provider is registered already.</source>
            <translation>Le fournisseur de traitements Panoramax est déjà enregistré.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/plugin.py" line="132" />
            <source>Upload pictures…</source>
            <translation>Envoyer des photos…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/plugin.py" line="377" />
            <source>{name} {version}

Browse, view and upload Panoramax street-level pictures from QGIS. Panoramax is the free, decentralised street-view commons.</source>
            <translation>{name} {version}

Parcourez, affichez et envoyez des photos de terrain Panoramax depuis QGIS. Panoramax est le commun libre et décentralisé des photos de rue.</translation>
        </message>
    </context>
    <context>
        <name>PanoramaxProcessing</name>
        <message>
            <location filename="../panoramax_plugin/processing/area_support.py" line="59" />
            <source>Area (any CRS; leave empty to use the layer's extent)</source>
            <translation>Zone (tout SCR ; vide pour utiliser l’emprise de la couche)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/area_support.py" line="300" />
            <source>Canceled: nothing was written.</source>
            <translation>Annulé : rien n’a été écrit.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/area_support.py" line="76" />
            <source>Captured from (optional)</source>
            <translation>Prises à partir du (facultatif)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/area_support.py" line="83" />
            <source>Captured until (optional; a date at midnight means the whole day)</source>
            <translation>Prises jusqu’au (facultatif ; une date à minuit compte toute la journée)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/area_support.py" line="137" />
            <source>Give an area: an extent (EXTENT) or a layer whose extent is used (INPUT).</source>
            <translation>Donnez une zone : une emprise (EXTENT) ou une couche dont l’emprise est utilisée (INPUT).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/area_support.py" line="144" />
            <source>Layer {layer} has no coordinate reference system: set one (Layer Properties &gt; Source) so the plugin knows where it is.</source>
            <translation>La couche {layer} n’a pas de système de coordonnées : définissez-en un (Propriétés de la couche &gt; Source) pour que l’extension sache où elle est.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/area_support.py" line="155" />
            <source>Layer {layer} is empty: it has no extent to search.</source>
            <translation>La couche {layer} est vide : elle n’a pas d’emprise où chercher.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/area_support.py" line="68" />
            <source>Or the extent of this layer</source>
            <translation>Ou l’emprise de cette couche</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/area_support.py" line="107" />
            <source>The area could not be placed on the globe: {error}</source>
            <translation>La zone n’a pas pu être placée sur le globe : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/area_support.py" line="95" />
            <source>The area has no coordinate reference system: give the extent with its CRS (e.g. 'xmin,xmax,ymin,ymax [EPSG:2154]') or set the layer's CRS.</source>
            <translation>La zone n’a pas de système de coordonnées : donnez l’emprise avec son SCR (par ex. 'xmin,xmax,ymin,ymax [EPSG:2154]') ou définissez le SCR de la couche.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/area_support.py" line="115" />
            <source>The area is empty or lies outside the globe once in longitude/latitude.</source>
            <translation>La zone est vide ou sort du globe une fois en longitude/latitude.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/area_support.py" line="350" />
            <source>The search is NOT complete ({why}): some pictures of the area are missing; search a smaller area.</source>
            <translation>La recherche n’est PAS complète ({why}) : des photos de la zone manquent ; cherchez dans une zone plus petite.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/area_support.py" line="324" />
            <source>The search is complete: every picture of the area is there.</source>
            <translation>La recherche est complète : toutes les photos de la zone sont là.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/area_support.py" line="358" />
            <source>The sequences could not all be listed: {error}</source>
            <translation>Les séquences n’ont pas toutes pu être listées : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/area_support.py" line="192" />
            <source>The start date comes after the end date.</source>
            <translation>La date de début est après la date de fin.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/area_support.py" line="340" />
            <source>the ceiling of {ceiling} pictures was reached</source>
            <translation>le plafond de {ceiling} photos a été atteint</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/area_support.py" line="335" />
            <source>the instance ignored the area asked (its answers hold pictures outside it)</source>
            <translation>l’instance a ignoré la zone demandée (ses réponses contiennent des photos hors de celle-ci)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/area_support.py" line="331" />
            <source>the search made as many requests as it may</source>
            <translation>la recherche a fait autant de requêtes qu’elle le peut</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/area_support.py" line="344" />
            <source>thousands of pictures lie at one spot, too close together to split</source>
            <translation>des milliers de photos sont au même endroit, trop proches pour être séparées</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/area_support.py" line="317" />
            <source>{count} items of the answers could not be read and were skipped.</source>
            <translation>{count} éléments des réponses n’ont pas pu être lus et ont été ignorés.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/area_support.py" line="310" />
            <source>{count} pictures found in {requests} searches ({splits} splits of a full answer).</source>
            <translation>{count} photos trouvées en {requests} recherches ({splits} découpages d’une réponse pleine).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/area_support.py" line="272" />
            <source>{count} pictures found so far</source>
            <translation>{count} photos trouvées jusqu’ici</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/area_support.py" line="180" />
            <source>{name} is not a date or a date and time: {value!r}</source>
            <translation>{name} n’est pas une date ni une date et heure : {value!r}</translation>
        </message>
    </context>
    <context>
        <name>PanoramaxProvider</name>
        <message>
            <location filename="../panoramax_plugin/processing/provider.py" line="25" />
            <source>Panoramax street-level pictures</source>
            <translation>Photos immersives Panoramax</translation>
        </message>
    </context>
    <context>
        <name>PanoramaxStyles</name>
        <message>
            <location filename="../panoramax_plugin/layers/styles.py" line="34" />
            <source>1 to 2 years</source>
            <translation>1 à 2 ans</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/layers/styles.py" line="40" />
            <source>2 to 5 years</source>
            <translation>2 à 5 ans</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/layers/styles.py" line="113" />
            <source>360° picture</source>
            <translation>Photo 360°</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/layers/styles.py" line="126" />
            <source>Flat picture</source>
            <translation>Photo classique</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/layers/styles.py" line="138" />
            <source>Flat picture without heading</source>
            <translation>Photo classique sans direction</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/layers/styles.py" line="29" />
            <source>less than 1 year</source>
            <translation>moins d'un an</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/layers/styles.py" line="46" />
            <source>more than 5 years</source>
            <translation>plus de 5 ans</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/layers/styles.py" line="172" />
            <source>no date</source>
            <translation>sans date</translation>
        </message>
    </context>
    <context>
        <name>PanoramaxUpload</name>
        <message>
            <location filename="../panoramax_plugin/core/uploader.py" line="398" />
            <source>All files sent; the instance is processing them…</source>
            <translation>Tous les fichiers sont envoyés ; l'instance les traite…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/uploader.py" line="184" />
            <source>Could not save the upload state in {folder} ({error}): the upload goes on, but if it stops it cannot resume by itself (files already sent will be recognised by the instance).</source>
            <translation>Impossible d'enregistrer l'état de l'envoi dans {folder} ({error}) : l'envoi continue, mais s'il s'arrête il ne pourra pas reprendre seul (les fichiers déjà envoyés seront reconnus par l'instance).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/picture_file.py" line="140" />
            <source>Empty file (0 bytes).</source>
            <translation>Fichier vide (0 octet).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/picture_file.py" line="279" />
            <source>No GPS position in the picture: Panoramax needs one. Geotag it first (e.g. from a GPX track).</source>
            <translation>Pas de position GPS dans la photo : Panoramax en a besoin. Géolocalisez-la d'abord (par ex. depuis une trace GPX).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/picture_file.py" line="291" />
            <source>No capture date and time in the picture: Panoramax needs one.</source>
            <translation>Pas de date et heure de prise de vue dans la photo : Panoramax en a besoin.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/picture_file.py" line="146" />
            <source>Not a JPEG picture.</source>
            <translation>Ce n'est pas une photo JPEG.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/upload_files.py" line="88" />
            <source>Not sent after {attempts} attempts ({error}). Run the upload again to retry.</source>
            <translation>Non envoyé après {attempts} tentatives ({error}). Relancez l'envoi pour réessayer.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/upload_files.py" line="102" />
            <source>Not sent after {attempts} attempts. Run the upload again to retry.</source>
            <translation>Non envoyé après {attempts} tentatives. Relancez l'envoi pour réessayer.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/upload_files.py" line="160" />
            <source>Refused by the instance (HTTP {status}).</source>
            <translation>Refusé par l'instance (HTTP {status}).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/uploader.py" line="342" />
            <source>Same picture as {name}, sent by this upload.</source>
            <translation>Même photo que {name}, envoyée par cet envoi.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/picture_file.py" line="148" />
            <source>The JPEG is truncated or corrupt (no end-of-image marker).</source>
            <translation>Le JPEG est tronqué ou corrompu (pas de marqueur de fin d'image).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/upload_files.py" line="78" />
            <source>The file could not be read: {error}</source>
            <translation>Le fichier n'a pas pu être lu : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/upload_files.py" line="67" />
            <source>The file disappeared before it was sent. Put it back and run the upload again.</source>
            <translation>Le fichier a disparu avant d'être envoyé. Remettez-le en place et relancez l'envoi.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/client.py" line="467" />
            <source>The instance answered {url} with something else than expected: try again later, or report it to the instance's administrators.</source>
            <translation>L'instance a répondu à {url} autre chose que ce qui était attendu : réessayez plus tard, ou signalez-le aux administrateurs de l'instance.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/client.py" line="391" />
            <source>The instance created the upload set but its answer has no id ({url}).</source>
            <translation>L'instance a créé le lot d'envoi mais sa réponse n'a pas d'identifiant ({url}).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/uploader.py" line="407" />
            <source>The instance is still processing the pictures; the report shows what is known now.</source>
            <translation>L'instance traite encore les photos ; le rapport montre ce qui est connu à cet instant.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/upload_files.py" line="150" />
            <source>The instance kept failing (HTTP {status}). Run the upload again later.</source>
            <translation>L'instance a échoué à plusieurs reprises (HTTP {status}). Relancez l'envoi plus tard.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/uploader.py" line="203" />
            <source>The instance refused the upload (HTTP {status}): sign in again (your token may have expired or been revoked), then run the same upload: nothing already sent will be sent twice.</source>
            <translation>L'instance a refusé l'envoi (HTTP {status}) : reconnectez-vous (votre jeton a peut-être expiré ou été révoqué), puis relancez le même envoi : rien de ce qui a déjà été envoyé ne le sera deux fois.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/upload_files.py" line="132" />
            <source>The upload set no longer exists on the instance. Run the upload again to start a new one.</source>
            <translation>Le lot d'envoi n'existe plus sur l'instance. Relancez l'envoi pour en créer un nouveau.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/uploader.py" line="126" />
            <source>The upload stopped on an unexpected error ({error}). What was sent is kept: run the same upload again to go on.</source>
            <translation>L'envoi s'est arrêté sur une erreur inattendue ({error}). Ce qui a été envoyé est conservé : relancez le même envoi pour continuer.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/picture_file.py" line="142" />
            <source>This is a PNG picture, not a JPEG: Panoramax takes JPEG only.</source>
            <translation>C'est une image PNG, pas un JPEG : Panoramax n'accepte que le JPEG.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/picture_file.py" line="85" />
            <location filename="../panoramax_plugin/core/picture_file.py" line="96" />
            <source>Unreadable file: {error}</source>
            <translation>Fichier illisible : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/file_sender.py" line="30" />
            <location filename="../panoramax_plugin/upload/qt_sender.py" line="113" />
            <source>Upload canceled.</source>
            <translation>Envoi annulé.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/core/uploader.py" line="152" />
            <source>Upload canceled. What was sent is kept: run the same upload again to send the rest.</source>
            <translation>Envoi annulé. Ce qui a été envoyé est conservé : relancez le même envoi pour envoyer le reste.</translation>
        </message>
    </context>
    <context>
        <name>PictureDetails</name>
        <message>
            <location filename="../panoramax_plugin/viewer/details.py" line="29" />
            <source>360° panorama</source>
            <translation>panorama 360°</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/details.py" line="35" />
            <source>Camera: {camera}</source>
            <translation>Appareil : {camera}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/details.py" line="23" />
            <source>Captured: {date}</source>
            <translation>Prise le : {date}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/details.py" line="39" />
            <source>Instance: {url}</source>
            <translation>Instance : {url}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/details.py" line="37" />
            <source>Licence: {licence}</source>
            <translation>Licence : {licence}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/details.py" line="33" />
            <source>Producer: {name}</source>
            <translation>Auteur : {name}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/details.py" line="51" />
            <source>Quality: {quality}</source>
            <translation>Qualité : {quality}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/details.py" line="53" />
            <source>Rank in sequence: {rank}</source>
            <translation>Rang dans la séquence : {rank}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/details.py" line="28" />
            <source>Type: {kind}</source>
            <translation>Type : {kind}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/details.py" line="29" />
            <source>flat picture</source>
            <translation>photo classique</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/details.py" line="46" />
            <source>position ±{metres} m</source>
            <translation>position ±{metres} m</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/details.py" line="49" />
            <source>{density} px/°</source>
            <translation>{density} px/°</translation>
        </message>
    </context>
    <context>
        <name>PictureLayerActions</name>
        <message>
            <location filename="../panoramax_plugin/integration/layer_actions.py" line="205" />
            <source>Choose a valid Panoramax instance in the Panoramax panel first.</source>
            <translation>Choisissez d’abord une instance Panoramax valide dans le panneau Panoramax.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/integration/layer_actions.py" line="153" />
            <source>Open in the Panoramax viewer</source>
            <translation>Ouvrir dans la visionneuse Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/integration/layer_actions.py" line="159" />
            <source>Open in the Panoramax web viewer</source>
            <translation>Ouvrir dans la visionneuse web Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/integration/layer_actions.py" line="182" />
            <source>This feature has no Panoramax picture id.</source>
            <translation>Cette entité n’a pas d’identifiant de photo Panoramax.</translation>
        </message>
    </context>
    <context>
        <name>PicturesLayer</name>
        <message>
            <location filename="../panoramax_plugin/layers/pictures.py" line="94" />
            <source>Panoramax pictures</source>
            <translation>Photos Panoramax</translation>
        </message>
    </context>
    <context>
        <name>ReportDialog</name>
        <message>
            <location filename="../panoramax_plugin/semantics/report_dialog.py" line="59" />
            <source>Comment</source>
            <translation>Commentaire</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/report_dialog.py" line="60" />
            <source>E-mail</source>
            <translation>Courriel</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/report_dialog.py" line="56" />
            <source>Optional: to be told when it is handled</source>
            <translation>Facultatif : pour être prévenu de son traitement</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/report_dialog.py" line="52" />
            <source>Optional: what is wrong, where in the picture</source>
            <translation>Facultatif : ce qui ne va pas, où dans la photo</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/report_dialog.py" line="57" />
            <source>Problem</source>
            <translation>Problème</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/report_dialog.py" line="32" />
            <source>Report a problem with this picture</source>
            <translation>Signaler un problème sur cette photo</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/report_dialog.py" line="78" />
            <source>Send report</source>
            <translation>Envoyer le signalement</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/report_dialog.py" line="65" />
            <source>Sent anonymously (you are not signed in on this instance).</source>
            <translation>Envoyé anonymement (vous n’êtes pas connecté à cette instance).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/report_dialog.py" line="63" />
            <source>Sent as {account}.</source>
            <translation>Envoyé en tant que {account}.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/report_dialog.py" line="36" />
            <source>The instance's moderators will look at it. Picture {id}.</source>
            <translation>Les modérateurs de l’instance l’examineront. Photo {id}.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/report_dialog.py" line="49" />
            <source>The whole sequence, not only this picture</source>
            <translation>Toute la séquence, pas seulement cette photo</translation>
        </message>
    </context>
    <context>
        <name>ReportLabels</name>
        <message>
            <location filename="../panoramax_plugin/semantics/labels.py" line="11" />
            <source>A face or plate is not blurred</source>
            <translation>Un visage ou une plaque n’est pas flouté</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/labels.py" line="22" />
            <source>Another problem</source>
            <translation>Un autre problème</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/labels.py" line="32" />
            <source>Closed: ignored</source>
            <translation>Clos : ignoré</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/labels.py" line="31" />
            <source>Closed: solved</source>
            <translation>Clos : résolu</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/labels.py" line="21" />
            <source>Copyright infringement</source>
            <translation>Atteinte au droit d’auteur</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/labels.py" line="15" />
            <source>Inappropriate content</source>
            <translation>Contenu inapproprié</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/labels.py" line="28" />
            <source>Open</source>
            <translation>Ouvert</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/labels.py" line="29" />
            <source>Open (automatic fix pending)</source>
            <translation>Ouvert (correction automatique en attente)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/labels.py" line="17" />
            <source>Poor quality (dark, blurry, covered)</source>
            <translation>Mauvaise qualité (sombre, floue, masquée)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/labels.py" line="16" />
            <source>Privacy (private place, person)</source>
            <translation>Vie privée (lieu privé, personne)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/labels.py" line="14" />
            <source>Too much is blurred</source>
            <translation>Trop de floutage</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/labels.py" line="30" />
            <source>Waiting</source>
            <translation>En attente</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/labels.py" line="20" />
            <source>Wrong position or heading</source>
            <translation>Position ou orientation erronée</translation>
        </message>
    </context>
    <context>
        <name>SearchPicturesAlgorithm</name>
        <message>
            <location filename="../panoramax_plugin/processing/search_pictures.py" line="59" />
            <source>360°</source>
            <translation>360°</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/search_pictures.py" line="59" />
            <source>Any</source>
            <translation>Toutes</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/search_pictures.py" line="81" />
            <source>Every picture of the area is there</source>
            <translation>Toutes les photos de la zone sont là</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/search_pictures.py" line="59" />
            <source>Flat</source>
            <translation>Plane</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/search_pictures.py" line="77" />
            <source>Panoramax pictures</source>
            <translation>Photos Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/search_pictures.py" line="79" />
            <source>Pictures found</source>
            <translation>Photos trouvées</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/search_pictures.py" line="65" />
            <source>Producers (names separated by commas)</source>
            <translation>Auteurs (noms séparés par des virgules)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/search_pictures.py" line="35" />
            <source>Search pictures</source>
            <translation>Rechercher des photos</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/search_pictures.py" line="36" />
            <source>Searches the Panoramax pictures of an area (an extent in any CRS, or the extent of a layer) and writes them as a point layer with the same fields as the browse pictures layer.

Filters: capture dates (an end date at midnight counts the whole day), type (flat or 360°), producers (names separated by commas) and a CQL2 tag filter the instance applies, e.g. "semantics.osm|traffic_sign"='FR:B14' or semantics IS NOT NULL.

The instance returns at most 10,000 pictures per search: a full answer is split into smaller areas, as the panel's browse does, up to 50,000 pictures. The log says whether the result is complete (output COMPLETE).

INSTANCE: a known instance (ign, osm-fr, federated) or the URL of a Panoramax API.</source>
            <translation>Cherche les photos Panoramax d’une zone (une emprise dans tout SCR, ou l’emprise d’une couche) et les écrit en couche de points avec les mêmes champs que la couche des photos de l’exploration.

Filtres : dates de prise de vue (une date de fin à minuit compte toute la journée), type (plane ou 360°), auteurs (noms séparés par des virgules) et un filtre de tags CQL2 appliqué par l’instance, par ex. "semantics.osm|traffic_sign"='FR:B14' ou semantics IS NOT NULL.

L’instance renvoie au plus 10 000 photos par recherche : une réponse pleine est découpée en zones plus petites, comme le fait l’exploration du panneau, jusqu’à 50 000 photos. Le journal dit si le résultat est complet (sortie COMPLETE).

INSTANCE : une instance connue (ign, osm-fr, federated) ou l’URL d’une API Panoramax.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/search_pictures.py" line="94" />
            <source>Searching {url} in {bbox}</source>
            <translation>Recherche sur {url} dans {bbox}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/search_pictures.py" line="71" />
            <source>Tag filter (CQL2 text, applied by the instance)</source>
            <translation>Filtre de tags (texte CQL2, appliqué par l’instance)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/search_pictures.py" line="58" />
            <source>Type of pictures</source>
            <translation>Type de photos</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/search_pictures.py" line="104" />
            <source>Writing {count} pictures</source>
            <translation>Écriture de {count} photos</translation>
        </message>
    </context>
    <context>
        <name>SearchTaggedPicturesAlgorithm</name>
        <message>
            <location filename="../panoramax_plugin/processing/search_tagged.py" line="84" />
            <source>Annotation</source>
            <translation>Annotation</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/search_tagged.py" line="72" />
            <source>Any tag</source>
            <translation>Toute étiquette</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/search_tagged.py" line="94" />
            <source>Every picture of the area is there</source>
            <translation>Toutes les photos de la zone sont là</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/search_tagged.py" line="92" />
            <source>Features written</source>
            <translation>Entités écrites</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/search_tagged.py" line="76" />
            <source>Key</source>
            <translation>Clé</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/search_tagged.py" line="83" />
            <source>One point per</source>
            <translation>Un point par</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/search_tagged.py" line="84" />
            <source>Picture</source>
            <translation>Photo</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/search_tagged.py" line="71" />
            <source>Pictures with</source>
            <translation>Photos avec</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/search_tagged.py" line="46" />
            <source>Search tagged pictures</source>
            <translation>Rechercher les photos étiquetées</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/search_tagged.py" line="47" />
            <source>Searches the Panoramax pictures of an area whose tags match: any tag, a key (e.g. osm|traffic_sign), or a key with one of some values (separated by |, e.g. FR:B14 | FR:AB4). The instance also matches a picture whose annotations carry the tag: the field matched_in says where it matched.

One point per picture, or one per matching annotation (at the picture's position, with its box in pixels, whether a detection model wrote it and its confidence). Every tag is in the tags and tags_json fields; the first 30 keys also get a field of their own (tag:&lt;key&gt;). A first, unverified layer of where things were seen.

The instance returns at most 10,000 pictures per search: a full answer is split into smaller areas, as the panel's browse does. The log says whether the result is complete (output COMPLETE).

INSTANCE: a known instance (ign, osm-fr, federated) or the URL of a Panoramax API.</source>
            <translation>Recherche les photos Panoramax d’une zone dont les étiquettes correspondent : toute étiquette, une clé (par ex. osm|traffic_sign), ou une clé avec l’une de plusieurs valeurs (séparées par |, par ex. FR:B14 | FR:AB4). L’instance retient aussi une photo dont les annotations portent l’étiquette : le champ matched_in dit où elle a correspondu.

Un point par photo, ou un par annotation correspondante (à la position de la photo, avec son cadre en pixels, si un modèle de détection l’a écrite et sa confiance). Toutes les étiquettes sont dans les champs tags et tags_json ; les 30 premières clés ont aussi leur propre champ (tag:&lt;clé&gt;). Une première couche, non vérifiée, de l’endroit où les choses ont été vues.

L’instance renvoie au plus 10 000 photos par recherche : une réponse pleine est découpée en zones plus petites, comme le fait la navigation du panneau. Le journal dit si le résultat est complet (sortie COMPLETE).

INSTANCE : une instance connue (ign, osm-fr, federated) ou l’URL d’une API Panoramax.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/search_tagged.py" line="113" />
            <source>Searching {url} for {query} in {bbox}</source>
            <translation>Recherche de {query} sur {url} dans {bbox}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/search_tagged.py" line="90" />
            <source>Tagged pictures</source>
            <translation>Photos étiquetées</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/search_tagged.py" line="72" />
            <source>The key</source>
            <translation>La clé</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/search_tagged.py" line="72" />
            <source>The key equal to</source>
            <translation>La clé égale à</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/search_tagged.py" line="78" />
            <source>Values (separated by |)</source>
            <translation>Valeurs (séparées par |)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/search_tagged.py" line="128" />
            <source>{count} more tag keys have no field of their own: they are in the tags and tags_json fields.</source>
            <translation>{count} autres clés d’étiquette n’ont pas de champ propre : elles sont dans les champs tags et tags_json.</translation>
        </message>
    </context>
    <context>
        <name>SemanticsActions</name>
        <message>
            <location filename="../panoramax_plugin/semantics/viewer_actions.py" line="310" />
            <source>Changing Panoramax tags</source>
            <translation>Modification des étiquettes Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/viewer_actions.py" line="384" />
            <source>Loading the reports of {instance}…</source>
            <translation>Chargement des signalements de {instance}…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/viewer_actions.py" line="80" />
            <source>Read-only catalog: open this picture on its own instance to tag it.</source>
            <translation>Catalogue en lecture seule : ouvrez cette photo sur sa propre instance pour l’étiqueter.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/viewer_actions.py" line="173" />
            <source>Reading a Panoramax picture's tags</source>
            <translation>Lecture des étiquettes d’une photo Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/viewer_actions.py" line="400" />
            <source>Reading my Panoramax reports</source>
            <translation>Lecture de mes signalements Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/viewer_actions.py" line="148" />
            <source>Reading the tags…</source>
            <translation>Lecture des étiquettes…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/viewer_actions.py" line="236" />
            <source>Replace the tag</source>
            <translation>Remplacer l’étiquette</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/viewer_actions.py" line="345" />
            <source>Report sent to the instance's moderators (status: {status}).</source>
            <translation>Signalement envoyé aux modérateurs de l’instance (état : {status}).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/viewer_actions.py" line="357" />
            <source>Sending a Panoramax report</source>
            <translation>Envoi d’un signalement Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/viewer_actions.py" line="90" />
            <source>Sign in (Upload pictures…) to add or remove tags.</source>
            <translation>Connectez-vous (Envoyer des photos…) pour ajouter ou retirer des étiquettes.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/viewer_actions.py" line="103" />
            <source>Sign in (Upload pictures…) to see your reports.</source>
            <translation>Connectez-vous (Envoyer des photos…) pour voir vos signalements.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/viewer_actions.py" line="370" />
            <source>Sign in now?</source>
            <translation>Se connecter maintenant ?</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/viewer_actions.py" line="364" />
            <location filename="../panoramax_plugin/semantics/viewer_actions.py" line="369" />
            <source>Sign in to report</source>
            <translation>Se connecter pour signaler</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/viewer_actions.py" line="295" />
            <source>Tags of picture {id} saved.</source>
            <translation>Étiquettes de la photo {id} enregistrées.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/viewer_actions.py" line="297" />
            <source>Tags of sequence {id} saved.</source>
            <translation>Étiquettes de la séquence {id} enregistrées.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/viewer_actions.py" line="212" />
            <source>Tags to add to the picture</source>
            <translation>Étiquettes à ajouter à la photo</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/viewer_actions.py" line="214" />
            <source>Tags to add to the whole sequence</source>
            <translation>Étiquettes à ajouter à toute la séquence</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/viewer_actions.py" line="244" />
            <source>The tag is unchanged.</source>
            <translation>L’étiquette est inchangée.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/viewer_actions.py" line="421" />
            <source>The tags you typed are kept: Tag picture… brings them back.</source>
            <translation>Les étiquettes saisies sont gardées : Étiqueter la photo… les propose à nouveau.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/viewer_actions.py" line="422" />
            <source>The tags you typed are kept: Tag sequence… brings them back.</source>
            <translation>Les étiquettes saisies sont gardées : Étiqueter la séquence… les propose à nouveau.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/viewer_actions.py" line="255" />
            <source>The viewer moved to another picture while you typed: nothing was changed. Open picture {id} and try again.</source>
            <translation>La visionneuse est passée à une autre photo pendant la saisie : rien n’a été modifié. Ouvrez la photo {id} et réessayez.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/viewer_actions.py" line="224" />
            <source>These tags are already there.</source>
            <translation>Ces étiquettes sont déjà présentes.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/viewer_actions.py" line="86" />
            <source>This picture lives on {host}: choose that instance once and sign in there (Upload pictures…) to tag it from here.</source>
            <translation>Cette photo est hébergée sur {host} : choisissez une fois cette instance et connectez-vous-y (Envoyer des photos…) pour l’étiqueter d’ici.</translation>
        </message>
    </context>
    <context>
        <name>SequencesLayer</name>
        <message>
            <location filename="../panoramax_plugin/layers/sequences.py" line="83" />
            <source>Panoramax sequences</source>
            <translation>Séquences Panoramax</translation>
        </message>
    </context>
    <context>
        <name>SequencesOfAreaAlgorithm</name>
        <message>
            <location filename="../panoramax_plugin/processing/sequences_of_area.py" line="56" />
            <source>Every picture of the area was found</source>
            <translation>Toutes les photos de la zone ont été trouvées</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/sequences_of_area.py" line="33" />
            <source>Lists the Panoramax sequences of an area (an extent in any CRS, or the extent of a layer) and writes them as a line layer with the same fields as the browse sequences layer: title, first and last capture, picture count, length, type, producer, camera.

Every page of the instance's sequence listing is read. Each line joins, in capture order, the pictures of the sequence found in the area (and in the dates, when given); loaded_pictures counts them, picture_count counts the whole sequence.

INSTANCE: a known instance (ign, osm-fr, federated) or the URL of a Panoramax API.</source>
            <translation>Liste les séquences Panoramax d’une zone (une emprise dans tout SCR, ou l’emprise d’une couche) et les écrit en couche de lignes avec les mêmes champs que la couche des séquences de l’exploration : titre, première et dernière prise de vue, nombre de photos, longueur, type, auteur, caméra.

Toutes les pages de la liste des séquences de l’instance sont lues. Chaque ligne relie, dans l’ordre de prise de vue, les photos de la séquence trouvées dans la zone (et dans les dates, si données) ; loaded_pictures les compte, picture_count compte toute la séquence.

INSTANCE : une instance connue (ign, osm-fr, federated) ou l’URL d’une API Panoramax.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/sequences_of_area.py" line="52" />
            <source>Panoramax sequences</source>
            <translation>Séquences Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/sequences_of_area.py" line="54" />
            <source>Sequences found</source>
            <translation>Séquences trouvées</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/sequences_of_area.py" line="32" />
            <source>Sequences of an area</source>
            <translation>Séquences d’une zone</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/sequences_of_area.py" line="68" />
            <source>The sequences of the area could not be listed: {error}</source>
            <translation>Les séquences de la zone n’ont pas pu être listées : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/sequences_of_area.py" line="85" />
            <source>{count} listed sequences have no picture in the area (or the dates): left out.</source>
            <translation>{count} séquences listées n’ont pas de photo dans la zone (ou les dates) : laissées de côté.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/sequences_of_area.py" line="101" />
            <source>{count} sequences written.</source>
            <translation>{count} séquences écrites.</translation>
        </message>
    </context>
    <context>
        <name>TagDialog</name>
        <message>
            <location filename="../panoramax_plugin/semantics/tag_dialog.py" line="57" />
            <source>Add to the list</source>
            <translation>Ajouter à la liste</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/tag_dialog.py" line="52" />
            <source>Key</source>
            <translation>Clé</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/tag_dialog.py" line="58" />
            <source>Remove from the list</source>
            <translation>Retirer de la liste</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/tag_dialog.py" line="36" />
            <source>Tags</source>
            <translation>Étiquettes</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/tag_dialog.py" line="53" />
            <source>Value</source>
            <translation>Valeur</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/tag_dialog.py" line="51" />
            <source>e.g. FR:B14[50]</source>
            <translation>par ex. FR:B14[50]</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/tag_dialog.py" line="45" />
            <source>e.g. osm|traffic_sign</source>
            <translation>par ex. osm|traffic_sign</translation>
        </message>
    </context>
    <context>
        <name>TaggedBox</name>
        <message>
            <location filename="../panoramax_plugin/browse/tagged_box.py" line="43" />
            <source>Any tag</source>
            <translation>Toute étiquette</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/tagged_box.py" line="65" />
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/tagged_box.py" line="55" />
            <source>FR:B14 | FR:AB4 (values separated by |)</source>
            <translation>FR:B14 | FR:AB4 (valeurs séparées par |)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/tagged_box.py" line="44" />
            <source>Has the key</source>
            <translation>A la clé</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/tagged_box.py" line="53" />
            <source>Key</source>
            <translation>Clé</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/tagged_box.py" line="45" />
            <source>Key equals</source>
            <translation>Clé égale à</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/tagged_box.py" line="60" />
            <source>Layer</source>
            <translation>Couche</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/tagged_box.py" line="64" />
            <source>Load tagged pictures in view</source>
            <translation>Charger les photos étiquetées de la vue</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/tagged_box.py" line="104" />
            <source>Loading…</source>
            <translation>Chargement…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/tagged_box.py" line="59" />
            <source>One point per annotation</source>
            <translation>Un point par annotation</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/tagged_box.py" line="58" />
            <source>One point per picture</source>
            <translation>Un point par photo</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/tagged_box.py" line="35" />
            <source>Pictures whose tags (or whose annotations' tags) match, as a point layer: a first, unverified layer of where things were seen</source>
            <translation>Les photos dont les étiquettes (ou celles de leurs annotations) correspondent, en couche de points : une première couche, non vérifiée, de l’endroit où les choses ont été vues</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/tagged_box.py" line="46" />
            <source>Search</source>
            <translation>Rechercher</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/tagged_box.py" line="33" />
            <source>Tagged pictures</source>
            <translation>Photos étiquetées</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/tagged_box.py" line="56" />
            <source>Values</source>
            <translation>Valeurs</translation>
        </message>
    </context>
    <context>
        <name>TaggedController</name>
        <message>
            <location filename="../panoramax_plugin/browse/tagged_controller.py" line="63" />
            <source>Choose a Panoramax instance first.</source>
            <translation>Choisissez d'abord une instance Panoramax.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/tagged_controller.py" line="80" />
            <source>Loading tagged Panoramax pictures</source>
            <translation>Chargement des photos Panoramax étiquetées</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/tagged_controller.py" line="199" />
            <source>Loading tagged pictures failed: {error}</source>
            <translation>Le chargement des photos étiquetées a échoué : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/tagged_controller.py" line="73" />
            <source>Panoramax annotations: {query} ({host})</source>
            <translation>Annotations Panoramax : {query} ({host})</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/tagged_controller.py" line="75" />
            <source>Panoramax tagged pictures: {query} ({host})</source>
            <translation>Photos Panoramax étiquetées : {query} ({host})</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/tagged_controller.py" line="55" />
            <location filename="../panoramax_plugin/browse/tagged_controller.py" line="121" />
            <source>Tagged pictures could not be loaded: {error}</source>
            <translation>Les photos étiquetées n’ont pas pu être chargées : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/tagged_controller.py" line="49" />
            <source>The map shows no area to search.</source>
            <translation>La carte ne montre aucune zone où chercher.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/tagged_controller.py" line="173" />
            <source>The search could not be completed: some tagged pictures of this area may be missing.</source>
            <translation>La recherche n’a pas pu aboutir : des photos étiquetées de cette zone peuvent manquer.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/tagged_controller.py" line="179" />
            <source>The search stopped at {ceiling} pictures and {parts} parts of the area were not searched: zoom in or filter to see the rest.</source>
            <translation>La recherche s'est arrêtée à {ceiling} photos et {parts} parties de la zone n'ont pas été parcourues : zoomez ou filtrez pour voir le reste.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/tagged_controller.py" line="196" />
            <source>Unexpected error: {error}</source>
            <translation>Erreur inattendue : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/tagged_controller.py" line="158" />
            <source>{count} annotations of {pictures} pictures tagged {query}.</source>
            <translation>{count} annotations de {pictures} photos étiquetées {query}.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/tagged_controller.py" line="184" />
            <source>{count} malformed pictures were skipped.</source>
            <translation>{count} photos mal formées ont été ignorées.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/tagged_controller.py" line="167" />
            <source>{count} more tag keys have no column of their own: they are in the tags and tags_json fields.</source>
            <translation>{count} autres clés d’étiquette n’ont pas de colonne propre : elles sont dans les champs tags et tags_json.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/browse/tagged_controller.py" line="162" />
            <source>{count} pictures tagged {query}.</source>
            <translation>{count} photos étiquetées {query}.</translation>
        </message>
    </context>
    <context>
        <name>TaggedLayer</name>
        <message>
            <location filename="../panoramax_plugin/layers/tagged.py" line="135" />
            <source>other tags ({count})</source>
            <translation>autres étiquettes ({count})</translation>
        </message>
    </context>
    <context>
        <name>TagsSection</name>
        <message>
            <location filename="../panoramax_plugin/semantics/tags_section.py" line="82" />
            <source>Add tags to the whole sequence of this picture</source>
            <translation>Ajouter des étiquettes à toute la séquence de cette photo</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/tags_section.py" line="80" />
            <source>Add tags to this picture</source>
            <translation>Ajouter des étiquettes à cette photo</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/tags_section.py" line="84" />
            <source>Change the chosen tag (removed, then added)</source>
            <translation>Modifier l’étiquette choisie (retirée, puis ajoutée)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/tags_section.py" line="58" />
            <source>Key</source>
            <translation>Clé</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/tags_section.py" line="91" />
            <source>My reports…</source>
            <translation>Mes signalements…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/tags_section.py" line="157" />
            <source>No tag on this picture or its sequence.</source>
            <translation>Aucune étiquette sur cette photo ni sa séquence.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/tags_section.py" line="58" />
            <source>On</source>
            <translation>Sur</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/tags_section.py" line="79" />
            <source>Remove</source>
            <translation>Retirer</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/tags_section.py" line="85" />
            <source>Remove the chosen tag</source>
            <translation>Retirer l’étiquette choisie</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/tags_section.py" line="78" />
            <source>Replace…</source>
            <translation>Remplacer…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/tags_section.py" line="90" />
            <source>Report a problem with this picture</source>
            <translation>Signaler un problème sur cette photo</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/tags_section.py" line="89" />
            <source>Report…</source>
            <translation>Signaler…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/tags_section.py" line="76" />
            <source>Tag picture…</source>
            <translation>Étiqueter la photo…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/tags_section.py" line="77" />
            <source>Tag sequence…</source>
            <translation>Étiqueter la séquence…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/tags_section.py" line="50" />
            <location filename="../panoramax_plugin/semantics/tags_section.py" line="138" />
            <source>Tags and reports</source>
            <translation>Étiquettes et signalements</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/tags_section.py" line="136" />
            <source>Tags and reports ({count} tags)</source>
            <translation>Étiquettes et signalements ({count} étiquettes)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/tags_section.py" line="58" />
            <source>Value</source>
            <translation>Valeur</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/tags_section.py" line="182" />
            <source>Your reports and those about your pictures, with their status</source>
            <translation>Vos signalements et ceux sur vos photos, avec leur état</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/tags_section.py" line="146" />
            <source>picture</source>
            <translation>photo</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/semantics/tags_section.py" line="146" />
            <source>sequence</source>
            <translation>séquence</translation>
        </message>
    </context>
    <context>
        <name>UploadDialog</name>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="94" />
            <source>Add a folder…</source>
            <translation>Ajouter un dossier…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="93" />
            <source>Add files…</source>
            <translation>Ajouter des fichiers…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="95" />
            <source>Add selected features</source>
            <translation>Ajouter les entités sélectionnées</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="482" />
            <source>CSV (*.csv)</source>
            <translation>CSV (*.csv)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="128" />
            <source>Cancel upload</source>
            <translation>Annuler l'envoi</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="295" />
            <source>Check done; drop the rows you do not want, then upload.</source>
            <translation>Vérification terminée ; retirez les lignes dont vous ne voulez pas, puis envoyez.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="267" />
            <source>Checking pictures before upload</source>
            <translation>Vérification des photos avant l'envoi</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="264" />
            <source>Checking {count} pictures…</source>
            <translation>Vérification de {count} photos…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="102" />
            <source>Clear</source>
            <translation>Vider</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="290" />
            <source>Could not read the instance's rules ({error}); the prediction uses the usual defaults.</source>
            <translation>Impossible de lire les règles de l'instance ({error}) ; la prévision utilise les valeurs par défaut habituelles.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="130" />
            <source>Export report (CSV)…</source>
            <translation>Exporter le rapport (CSV)…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="480" />
            <source>Export the upload report</source>
            <translation>Exporter le rapport d'envoi</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="118" />
            <source>Faces and plates are already blurred</source>
            <translation>Visages et plaques déjà floutés</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="216" />
            <source>Field</source>
            <translation>Champ</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="216" />
            <source>File path field</source>
            <translation>Champ du chemin de fichier</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="156" />
            <source>Files sent at once</source>
            <translation>Fichiers envoyés en parallèle</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="197" />
            <source>Folder of pictures</source>
            <translation>Dossier de photos</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="117" />
            <location filename="../panoramax_plugin/upload/dialog.py" line="283" />
            <source>Instance default</source>
            <translation>Valeur par défaut de l'instance</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="191" />
            <source>JPEG pictures (*.jpg *.jpeg *.JPG *.JPEG);;All files (*)</source>
            <translation>Photos JPEG (*.jpg *.jpeg *.JPG *.JPEG);;Tous les fichiers (*)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="132" />
            <source>My upload sets…</source>
            <translation>Mes lots d’envoi…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="375" />
            <source>No picture is ready to upload.</source>
            <translation>Aucune photo n'est prête à être envoyée.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="223" />
            <source>No selected feature with a file path in {layer}.</source>
            <translation>Aucune entité sélectionnée avec un chemin de fichier dans {layer}.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="152" />
            <source>Options</source>
            <translation>Options</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="332" />
            <source>Panoramax upload check</source>
            <translation>Vérification d'envoi Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="470" />
            <source>Panoramax upload report</source>
            <translation>Rapport d'envoi Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="97" />
            <source>Pictures of the selected features of the active point layer (a file path field)</source>
            <translation>Photos des entités sélectionnées de la couche de points active (un champ chemin de fichier)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="189" />
            <source>Pictures to upload</source>
            <translation>Photos à envoyer</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="101" />
            <source>Remove selected rows</source>
            <translation>Retirer les lignes sélectionnées</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="209" />
            <source>Select features in a point layer that has a file path field.</source>
            <translation>Sélectionnez des entités dans une couche de points qui a un champ chemin de fichier.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="154" />
            <source>Title</source>
            <translation>Titre</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="115" />
            <source>Title of the upload</source>
            <translation>Titre de l'envoi</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="127" />
            <source>Upload</source>
            <translation>Envoyer</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="431" />
            <source>Upload finished: {sent} sent, {already} already on the instance, {rejected} rejected, {failed} failed.</source>
            <translation>Envoi terminé : {sent} envoyées, {already} déjà sur l'instance, {rejected} refusées, {failed} en échec.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="338" />
            <source>Upload from QGIS</source>
            <translation>Envoi depuis QGIS</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="89" />
            <source>Upload pictures to Panoramax</source>
            <translation>Envoyer des photos vers Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="492" />
            <source>Upload report saved to {path}.</source>
            <translation>Rapport d'envoi enregistré dans {path}.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="381" />
            <source>Uploading {count} pictures to Panoramax</source>
            <translation>Envoi de {count} photos vers Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="397" />
            <source>Uploading {count} pictures…</source>
            <translation>Envoi de {count} photos…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="155" />
            <source>Visibility</source>
            <translation>Visibilité</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/dialog.py" line="134" />
            <source>Your upload sets on this instance: complete, delete or resume them</source>
            <translation>Vos lots d’envoi sur cette instance : terminez-les, supprimez-les ou reprenez-les</translation>
        </message>
    </context>
    <context>
        <name>UploadFolderAlgorithm</name>
        <message>
            <location filename="../panoramax_plugin/processing/upload_folder.py" line="145" />
            <source>Anyone</source>
            <translation>Tout le monde</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/upload_folder.py" line="121" />
            <source>Folder of pictures</source>
            <translation>Dossier de photos</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/upload_folder.py" line="125" />
            <source>Include subfolders</source>
            <translation>Inclure les sous-dossiers</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/upload_folder.py" line="144" />
            <source>Instance default</source>
            <translation>Valeur par défaut de l'instance</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/upload_folder.py" line="146" />
            <source>Only me</source>
            <translation>Moi seulement</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/upload_folder.py" line="162" />
            <source>Pictures on the instance</source>
            <translation>Photos sur l’instance</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/upload_folder.py" line="233" />
            <source>Sending {count} pictures to {url}.</source>
            <translation>Envoi de {count} photos à {url}.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/upload_folder.py" line="107" />
            <source>Sends the JPEG pictures of a folder to a Panoramax instance, with the plugin's resumable upload: run it again after a cancel or a failure and only what is missing is sent. The token comes from the authentication configuration given (its password), or else from the account signed in to this instance in the plugin. The report is a point layer: each file's status, picture, sequence, link and the reason of a rejection.</source>
            <translation>Envoie les photos JPEG d’un dossier à une instance Panoramax, avec l’envoi reprenable de l’extension : relancez-le après une annulation ou un échec et seul ce qui manque est envoyé. Le jeton vient de la configuration d’authentification donnée (son mot de passe), sinon du compte connecté à cette instance dans l’extension. Le rapport est une couche de points : l’état de chaque fichier, sa photo, sa séquence, son lien et la raison d’un refus.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/upload_folder.py" line="164" />
            <source>Sequence ids</source>
            <translation>Identifiants des séquences</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/upload_folder.py" line="147" />
            <source>Signed-in users</source>
            <translation>Utilisateurs connectés</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/upload_folder.py" line="173" />
            <source>The QGIS authentication database cannot be used.</source>
            <translation>La base d’authentification de QGIS ne peut pas être utilisée.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/upload_folder.py" line="186" />
            <source>The authentication configuration {id} holds no token (put the token as its password).</source>
            <translation>La configuration d’authentification {id} ne contient pas de jeton (mettez le jeton comme mot de passe).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/upload_folder.py" line="212" />
            <source>The folder {folder} holds no JPEG pictures.</source>
            <translation>Le dossier {folder} ne contient pas de photos JPEG.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/upload_folder.py" line="154" />
            <source>The pictures are already blurred</source>
            <translation>Les photos sont déjà floutées</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/upload_folder.py" line="196" />
            <source>The signed-in account cannot be read ({error}).</source>
            <translation>Le compte connecté ne peut pas être lu ({error}).</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/upload_folder.py" line="177" />
            <source>There is no authentication configuration {id}.</source>
            <translation>Il n’y a pas de configuration d’authentification {id}.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/upload_folder.py" line="217" />
            <source>This catalog only gathers other instances: choose the instance you upload to.</source>
            <translation>Ce catalogue ne fait que rassembler d’autres instances : choisissez l’instance où vous envoyez.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/upload_folder.py" line="137" />
            <source>Title of the upload</source>
            <translation>Titre de l'envoi</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/upload_folder.py" line="132" />
            <source>Token (an authentication configuration whose password is the token)</source>
            <translation>Jeton (une configuration d’authentification dont le mot de passe est le jeton)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/upload_folder.py" line="106" />
            <source>Upload a folder</source>
            <translation>Envoyer un dossier</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/upload_folder.py" line="159" />
            <source>Upload report</source>
            <translation>Rapport d’envoi</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/upload_folder.py" line="163" />
            <source>Upload set id</source>
            <translation>Identifiant du lot d’envoi</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/upload_folder.py" line="200" />
            <source>Uploading as {account}.</source>
            <translation>Envoi en tant que {account}.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/upload_folder.py" line="142" />
            <source>Visibility</source>
            <translation>Visibilité</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/upload_folder.py" line="281" />
            <source>{done} of {count} pictures are on the instance, in {sequences} sequences.</source>
            <translation>{done} photos sur {count} sont sur l’instance, dans {sequences} séquences.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/upload_folder.py" line="248" />
            <source>{error} (give a valid token in an authentication configuration, or sign in to this instance in the Panoramax panel)</source>
            <translation>{error} (donnez un jeton valide dans une configuration d’authentification, ou connectez-vous à cette instance dans le panneau Panoramax)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/processing/upload_folder.py" line="207" />
            <source>{folder} is not a folder.</source>
            <translation>{folder} n’est pas un dossier.</translation>
        </message>
    </context>
    <context>
        <name>UploadLauncher</name>
        <message>
            <location filename="../panoramax_plugin/upload/launcher.py" line="30" />
            <source>This catalog only gathers other instances: choose the instance you upload to (e.g. IGN or OpenStreetMap France) in the Panoramax panel.</source>
            <translation>Ce catalogue ne fait que rassembler d'autres instances : choisissez l'instance vers laquelle envoyer (par ex. IGN ou OpenStreetMap France) dans le panneau Panoramax.</translation>
        </message>
    </context>
    <context>
        <name>UploadSetsDialog</name>
        <message>
            <location filename="../panoramax_plugin/upload/sets_dialog.py" line="341" />
            <source>An upload is running: wait for it to end.</source>
            <translation>Un envoi est en cours : attendez qu’il se termine.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/sets_dialog.py" line="215" />
            <source>Canceled.</source>
            <translation>Annulé.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/sets_dialog.py" line="140" />
            <source>Close</source>
            <translation>Fermer</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/sets_dialog.py" line="137" />
            <source>Complete</source>
            <translation>Terminer</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/sets_dialog.py" line="276" />
            <source>Completing a Panoramax upload set</source>
            <translation>Fin d’un lot d’envoi Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/sets_dialog.py" line="126" />
            <source>Created</source>
            <translation>Créé</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/sets_dialog.py" line="288" />
            <source>Delete the upload set</source>
            <translation>Supprimer le lot d’envoi</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/sets_dialog.py" line="289" />
            <source>Delete the upload set {title} and its {count} pictures from the instance? This cannot be undone.</source>
            <translation>Supprimer le lot d’envoi {title} et ses {count} photos de l’instance ? C’est irréversible.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/sets_dialog.py" line="138" />
            <source>Delete…</source>
            <translation>Supprimer…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/sets_dialog.py" line="305" />
            <source>Deleting a Panoramax upload set</source>
            <translation>Suppression d’un lot d’envoi Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/sets_dialog.py" line="123" />
            <source>Files</source>
            <translation>Fichiers</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/sets_dialog.py" line="127" />
            <source>Id</source>
            <translation>Id</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/sets_dialog.py" line="116" />
            <source>My upload sets</source>
            <translation>Mes lots d’envoi</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/sets_dialog.py" line="323" />
            <source>No upload of the set {title} was started from this computer (no saved upload state in {folder}): it cannot be resumed from here.</source>
            <translation>Aucun envoi du lot {title} n’a été lancé depuis cet ordinateur (pas d’état d’envoi enregistré dans {folder}) : il ne peut pas être repris d’ici.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/sets_dialog.py" line="228" />
            <source>Reading my Panoramax upload sets</source>
            <translation>Lecture de mes lots d’envoi Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/sets_dialog.py" line="226" />
            <source>Reading your upload sets…</source>
            <translation>Lecture de vos lots d’envoi…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/sets_dialog.py" line="136" />
            <source>Refresh</source>
            <translation>Actualiser</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/sets_dialog.py" line="124" />
            <source>Rejected</source>
            <translation>Refusés</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/sets_dialog.py" line="139" />
            <source>Resume upload</source>
            <translation>Reprendre l’envoi</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/sets_dialog.py" line="346" />
            <source>Resuming the upload: {count} files left to send.</source>
            <translation>Reprise de l’envoi : {count} fichiers restent à envoyer.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/sets_dialog.py" line="125" />
            <source>Sequences</source>
            <translation>Séquences</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/sets_dialog.py" line="122" />
            <source>Status</source>
            <translation>État</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/sets_dialog.py" line="121" />
            <source>Title</source>
            <translation>Titre</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/sets_dialog.py" line="267" />
            <source>Upload set {title} completed: the instance processes it.</source>
            <translation>Lot d’envoi {title} terminé : l’instance le traite.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/sets_dialog.py" line="298" />
            <source>Upload set {title} deleted.</source>
            <translation>Lot d’envoi {title} supprimé.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/sets_dialog.py" line="233" />
            <source>completed</source>
            <translation>terminé</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/sets_dialog.py" line="234" />
            <source>dispatched</source>
            <translation>réparti</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/sets_dialog.py" line="232" />
            <source>open</source>
            <translation>ouvert</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/sets_dialog.py" line="333" />
            <source>{count} files of this upload are no longer on disk (e.g. {path}): it cannot be resumed.</source>
            <translation>{count} fichiers de cet envoi ne sont plus sur le disque (par ex. {path}) : il ne peut pas être repris.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/upload/sets_dialog.py" line="255" />
            <source>{count} upload sets.</source>
            <translation>{count} lots d’envoi.</translation>
        </message>
    </context>
    <context>
        <name>ViewCapture</name>
        <message>
            <location filename="../panoramax_plugin/viewer/capture_action.py" line="92" />
            <source>Capturing the Panoramax view</source>
            <translation>Capture de la vue Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/capture_action.py" line="130" />
            <source>JPEG pictures (*.jpg *.jpeg)</source>
            <translation>Images JPEG (*.jpg *.jpeg)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/capture_action.py" line="53" />
            <source>No picture is shown: there is no view to capture.</source>
            <translation>Aucune photo n’est affichée : il n’y a pas de vue à capturer.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/capture.py" line="125" />
            <source>Nothing of the picture is visible in the viewer.</source>
            <translation>Rien de la photo n’est visible dans la visionneuse.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/capture_action.py" line="130" />
            <source>PNG pictures (*.png)</source>
            <translation>Images PNG (*.png)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/capture.py" line="198" />
            <location filename="../panoramax_plugin/viewer/capture_action.py" line="73" />
            <source>Save the view as a .jpg or .png file.</source>
            <translation>Enregistrez la vue dans un fichier .jpg ou .png.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/capture_action.py" line="133" />
            <source>Save view as</source>
            <translation>Enregistrer la vue sous</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/capture.py" line="182" />
            <source>The HD file of the picture is empty.</source>
            <translation>Le fichier HD de la photo est vide.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/capture_action.py" line="65" />
            <source>The picture is not shown yet: capture the view once it appears.</source>
            <translation>La photo n’est pas encore affichée : capturez la vue une fois qu’elle apparaît.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/capture_action.py" line="46" />
            <location filename="../panoramax_plugin/viewer/capture_action.py" line="96" />
            <source>The view could not be captured: {error}</source>
            <translation>La vue n’a pas pu être capturée : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/capture.py" line="203" />
            <source>The view could not be written to {path}: check the folder and its rights.</source>
            <translation>La vue n’a pas pu être écrite dans {path} : vérifiez le dossier et ses droits.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/capture_action.py" line="59" />
            <source>This picture has no HD file: its view cannot be captured in full.</source>
            <translation>Cette photo n’a pas de fichier HD : sa vue ne peut pas être capturée en pleine résolution.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/capture_action.py" line="146" />
            <source>View copied to the clipboard</source>
            <translation>Vue copiée dans le presse-papiers</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/capture_action.py" line="148" />
            <source>View saved to {path}</source>
            <translation>Vue enregistrée dans {path}</translation>
        </message>
    </context>
    <context>
        <name>ViewerController</name>
        <message>
            <location filename="../panoramax_plugin/viewer/controller.py" line="159" />
            <location filename="../panoramax_plugin/viewer/controller.py" line="190" />
            <location filename="../panoramax_plugin/viewer/controller.py" line="213" />
            <source>Choose a Panoramax instance first.</source>
            <translation>Choisissez d'abord une instance Panoramax.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/controller.py" line="580" />
            <source>JPEG pictures (*.jpg)</source>
            <translation>Photos JPEG (*.jpg)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/controller.py" line="197" />
            <location filename="../panoramax_plugin/viewer/controller.py" line="216" />
            <location filename="../panoramax_plugin/viewer/controller.py" line="306" />
            <source>Loading picture…</source>
            <translation>Chargement de la photo…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/controller.py" line="177" />
            <source>Looking for a Panoramax picture</source>
            <translation>Recherche d'une photo Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/controller.py" line="169" />
            <source>No Panoramax picture there.</source>
            <translation>Aucune photo Panoramax à cet endroit.</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/controller.py" line="230" />
            <source>Opening Panoramax picture</source>
            <translation>Ouverture de la photo Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/controller.py" line="597" />
            <source>Picture saved to {path}</source>
            <translation>Photo enregistrée dans {path}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/controller.py" line="416" />
            <source>Prefetching Panoramax picture</source>
            <translation>Préchargement de la photo Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/controller.py" line="578" />
            <source>Save HD picture</source>
            <translation>Enregistrer la photo HD</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/controller.py" line="594" />
            <source>Saving Panoramax picture</source>
            <translation>Enregistrement de la photo Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/controller.py" line="600" />
            <source>The picture could not be saved: {error}</source>
            <translation>La photo n'a pas pu être enregistrée : {error}</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/controller.py" line="149" />
            <source>This is not a picture id or a Panoramax picture link.</source>
            <translation>Ce n'est ni un identifiant de photo ni un lien vers une photo Panoramax.</translation>
        </message>
    </context>
    <context>
        <name>ViewerDock</name>
        <message>
            <location filename="../panoramax_plugin/viewer/dock.py" line="89" />
            <source> s</source>
            <translation> s</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/dock.py" line="116" />
            <source>Annotations</source>
            <translation>Annotations</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/dock.py" line="198" />
            <source>Capture view</source>
            <translation>Capturer la vue</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/dock.py" line="192" />
            <source>Copy link</source>
            <translation>Copier le lien</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/dock.py" line="207" />
            <source>Copy view to clipboard</source>
            <translation>Copier la vue dans le presse-papiers</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/dock.py" line="130" />
            <source>Drag a box around something in the picture to annotate it</source>
            <translation>Tracez un cadre autour d’un élément de la photo pour l’annoter</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/dock.py" line="127" />
            <source>Draw box</source>
            <translation>Tracer un cadre</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/dock.py" line="65" />
            <source>First picture of the sequence</source>
            <translation>Première photo de la séquence</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/dock.py" line="100" />
            <source>Follow on map</source>
            <translation>Suivre sur la carte</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/dock.py" line="72" />
            <source>Last picture of the sequence</source>
            <translation>Dernière photo de la séquence</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/dock.py" line="106" />
            <source>Measure</source>
            <translation>Mesurer</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/dock.py" line="109" />
            <source>Measure from pictures: click an object in two pictures to place it on the map, or measure a distance or a height in one</source>
            <translation>Mesurer depuis les photos : cliquez un objet dans deux photos pour le placer sur la carte, ou mesurez une distance ou une hauteur dans une seule</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/dock.py" line="68" />
            <source>Next picture</source>
            <translation>Photo suivante</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/dock.py" line="139" />
            <source>Open</source>
            <translation>Ouvrir</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/dock.py" line="191" />
            <source>Open in web viewer</source>
            <translation>Ouvrir dans la visionneuse web</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/dock.py" line="53" />
            <source>Panoramax picture</source>
            <translation>Photo Panoramax</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/dock.py" line="138" />
            <source>Picture id or viewer link</source>
            <translation>Identifiant de photo ou lien de la visionneuse</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/dock.py" line="144" />
            <source>Pictures of selected features</source>
            <translation>Photos des objets sélectionnés</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/dock.py" line="83" />
            <source>Play the sequence</source>
            <translation>Lire la séquence</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/dock.py" line="67" />
            <source>Previous picture</source>
            <translation>Photo précédente</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/dock.py" line="178" />
            <source>Same place, other dates</source>
            <translation>Même endroit, autres dates</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/dock.py" line="193" />
            <source>Save HD picture…</source>
            <translation>Enregistrer la photo HD…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/dock.py" line="204" />
            <source>Save view as…</source>
            <translation>Enregistrer la vue sous…</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/dock.py" line="90" />
            <source>Seconds per picture while playing</source>
            <translation>Secondes par photo pendant la lecture</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/dock.py" line="120" />
            <source>Show the picture's annotations: solid outlines by people, dashed ones by detection models (with their confidence)</source>
            <translation>Afficher les annotations de la photo : contours pleins par des personnes, pointillés par des modèles de détection (avec leur confiance)</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/dock.py" line="146" />
            <source>The Panoramax pictures that show the features selected in the active layer, turned toward them</source>
            <translation>Les photos Panoramax qui montrent les objets sélectionnés dans la couche active, tournées vers eux</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/dock.py" line="200" />
            <source>The view as shown, at full resolution, with author, licence and date</source>
            <translation>La vue telle qu’affichée, en pleine résolution, avec auteur, licence et date</translation>
        </message>
        <message>
            <location filename="../panoramax_plugin/viewer/dock.py" line="250" />
            <source>none nearby</source>
            <translation>aucune à proximité</translation>
        </message>
    </context>
</TS>
