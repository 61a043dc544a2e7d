<?php
/** Object cache drop-in (src/test/scripts/lab.sh makes this file mode 000 for the eacces scenario). */
$wp_object_cache = array();
