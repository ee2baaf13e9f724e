/* global document, window, fetch */
// The Community Payback maps: an enhancement only. Every page works without this script (the list of work is the
// page; the address is enough on a nomination). No inline script anywhere: the site's CSP allows none.
;(function () {
  'use strict'
  document.body.classList.add('js-enabled')
  if (typeof window.L === 'undefined') return
  var L = window.L
  var CENTRE = [53.85, -2.6]

  function baseMap(element) {
    element.hidden = false
    var map = L.map(element).setView(CENTRE, 9)
    L.tileLayer(element.getAttribute('data-tiles'), {
      maxZoom: 18,
      attribution: element.getAttribute('data-attribution') || '',
    }).addTo(map)
    return map
  }

  // A project's pop-up, built from text nodes (never HTML from the data).
  function popup(properties) {
    var box = document.createElement('div')
    var link = document.createElement('a')
    link.href = properties.url
    link.textContent = properties.name
    link.className = 'govuk-link'
    var heading = document.createElement('strong')
    heading.appendChild(link)
    box.appendChild(heading)
    var details = document.createElement('p')
    details.textContent =
      properties.type +
      ' · ' +
      properties.area +
      ' · ' +
      properties.hours +
      ' hours' +
      (properties.completedDate ? ' · completed ' + properties.completedDate : ' · ongoing')
    box.appendChild(details)
    return box
  }

  var workMap = document.getElementById('cp-work-map')
  if (workMap) {
    var map = baseMap(workMap)
    fetch(workMap.getAttribute('data-geojson'), { headers: { accept: 'application/geo+json' } })
      .then(function (response) {
        return response.json()
      })
      .then(function (data) {
        var layer = L.geoJSON(data, {
          onEachFeature: function (feature, marker) {
            marker.bindPopup(popup(feature.properties))
          },
        }).addTo(map)
        if (data.features.length) map.fitBounds(layer.getBounds(), { maxZoom: 13, padding: [20, 20] })
      })
  }

  var pinMap = document.getElementById('cp-pin-map')
  if (pinMap) {
    var picker = baseMap(pinMap)
    var hint = document.getElementById('cp-pin-hint')
    if (hint) hint.hidden = false
    var latitude = document.getElementById('latitude')
    var longitude = document.getElementById('longitude')
    var pin = null
    function place(latlng) {
      if (pin) pin.setLatLng(latlng)
      else pin = L.marker(latlng).addTo(picker)
      latitude.value = latlng.lat.toFixed(6)
      longitude.value = latlng.lng.toFixed(6)
    }
    if (latitude.value && longitude.value) place(L.latLng(Number(latitude.value), Number(longitude.value)))
    picker.on('click', function (event) {
      place(event.latlng)
    })
  }
})()
